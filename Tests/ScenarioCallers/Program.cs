using System.Runtime.InteropServices;
using ScenarioCallers;

using var cancel = new CancellationTokenSource();
// a cancelled run stops its CLI calls too; the users made so far are for remove
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var log = new CommandLog(Console.Out, Console.Error, MasksSecrets: !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS")));
return await CallersCommand.RunAsync(args, Environment.GetEnvironmentVariable, TimeProvider.System, log, cancel.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
