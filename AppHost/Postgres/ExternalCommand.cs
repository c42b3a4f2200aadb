using System.ComponentModel;
using System.Diagnostics;

namespace AppHost.Postgres;

/// <summary>A program the AppHost runs to completion: what it printed and how it ended, within a budget.</summary>
public sealed record ExternalCommand(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>What the program said about how it ended: its error output, or else its output.</summary>
    public string Complaint => Error.Length > 0 ? Error : Output;

    /// <summary>Runs a program; one that cannot start or overruns its budget ends with -1 and says so.</summary>
    public static async Task<ExternalCommand> RunAsync(string file, IEnumerable<string> arguments, TimeSpan budget)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{file} did not start.");
        }
        catch (Win32Exception exception)
        {
            return new ExternalCommand(-1, "", $"{file} could not be started: {exception.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();

            using var timeout = new CancellationTokenSource(budget);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new ExternalCommand(-1, "", $"{file} did not finish within {budget.TotalSeconds:0} s.");
            }

            return new ExternalCommand(process.ExitCode, (await output).Trim(), (await error).Trim());
        }
    }

    public static ExternalCommand Run(string file, IEnumerable<string> arguments, TimeSpan budget) =>
        RunAsync(file, arguments, budget).GetAwaiter().GetResult();
}
