using System.Security.Cryptography;

namespace ScenarioCallers;

/// <summary>
/// One user the scenarios call the Api as, named scenario-&lt;run id&gt;-customer-&lt;n&gt; or scenario-&lt;run id&gt;-staff:
/// a customer, whose order list starts empty as no other test uses it, or the member of staff (Group staff).
/// </summary>
public sealed record Caller(string UserName, string? Group)
{
    public const string StaffGroup = "staff";

    /// <summary>What the name of every user of the run starts with, and nothing else's.</summary>
    public static string Prefix(string runId) => $"scenario-{runId}-";

    /// <summary>The callers of a run: the member of staff first, when there is one, then customer-1 to customer-N.</summary>
    public static IReadOnlyList<Caller> Of(string runId, int customers, bool staff)
    {
        var prefix = Prefix(runId);
        var callers = new List<Caller>(customers + 1);
        if (staff)
            callers.Add(new Caller($"{prefix}staff", StaffGroup));
        for (var n = 1; n <= customers; n++)
            callers.Add(new Caller($"{prefix}customer-{n}", null));
        return callers;
    }

    /// <summary>A password of the caller's own, which nobody sees.</summary>
    public static string NewPassword() =>
        // about 190 random bits, then one of each kind of character a pool's password policy may ask for
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32) + "-Aa1";
}
