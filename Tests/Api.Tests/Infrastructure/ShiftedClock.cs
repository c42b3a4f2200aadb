namespace Api.Tests.Infrastructure;

/// <summary>The system's clock, moved on by as much as a test says: a day passes in a moment, and time still runs.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
