namespace Orders.Tally;

/// <summary>What one run of tests reported: the tests that passed, those that did not, and how many ran at all.</summary>
public sealed record Counts(int Passed, int Failed, int Executed)
{
    public static Counts operator +(Counts left, Counts right) =>
        new(left.Passed + right.Passed, left.Failed + right.Failed, left.Executed + right.Executed);

    public override string ToString() => $"{Passed} passed, {Failed} failed";
}
