namespace Api.Tests.Telemetry;

/// <summary>
/// Tests that read what a process-wide listener saw run while no other test runs: an ActivitySource listener hears
/// every host in the test process, so requests of tests running in parallel would reach their collector too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public static class AloneInProcess
{
    public const string Name = "Alone in the process";
}
