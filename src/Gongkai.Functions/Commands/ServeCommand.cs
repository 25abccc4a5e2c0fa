using System.CommandLine;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.Commands;

/// <summary>
/// <c>gongkai serve</c>: the local host. The HTTP functions on Kestrel; it starts Azurite when needed and drives the
/// trigger functions itself (timer, queue, blob), as the Functions host would.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default 7071, as Core Tools)." };
        var runNow = new Option<bool>("--run-now") { Description = "Run the harvest timer once at startup, then keep its schedule." };
        var noTriggers = new Option<bool>("--no-triggers") { Description = "Serve the API only; no local timer, queue or blob trigger." };
        var command = new Command("serve", "Run the Function App's functions locally: the API, the timer, queue and blob triggers, and Azurite when needed.") { port, runNow, noTriggers };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new HostSettings
            {
                Port = result.GetValue(port),
                RunNow = result.GetValue(runNow),
                Triggers = result.GetValue(noTriggers) ? false : null,
            };
            return await RunAsync(settings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(HostSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var azurite = await DevelopmentStorage.EnsureAsync(Console.Error, cancellationToken);
            var app = GongkaiHost.Build(settings with { Overrides = DevelopmentStorage.Defaults() });
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            // Settings checked at startup: say which and why, without a stack trace.
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 3;
        }
    }
}
