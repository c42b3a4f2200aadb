namespace ScenarioCallers;

/// <summary>
/// Where the command says what it does (Output) and what went wrong (Error). In GitHub Actions (MasksSecrets) it also
/// asks for each secret to be hidden from the logs, on Output, before the secret can appear anywhere.
/// </summary>
public sealed record CommandLog(TextWriter Output, TextWriter Error, bool MasksSecrets)
{
    public void Say(string line) => Output.WriteLine(line);

    public void Complain(string line) => Error.WriteLine(line);

    public void Mask(string secret)
    {
        if (MasksSecrets)
            Output.WriteLine($"::add-mask::{secret}");
    }
}
