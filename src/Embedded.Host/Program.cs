using System.CommandLine;
using OpenQuizz.Typed.Embedded.Host;

return await MongodCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration
{
    // Signals are handled by the host itself (PosixSignalRegistration) so that shutdown is clean and exits 0.
    ProcessTerminationTimeout = null,
});
