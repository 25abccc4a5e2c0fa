using System.CommandLine;
using Gongkai.Functions.Hosting;

namespace Gongkai.Functions;

/// <summary>
/// One executable, two roles. Started by the Azure Functions host (in Azure, or by Core Tools' <c>func start</c>) it is
/// the isolated worker; the host passes only options and environment, never a verb. Started with a verb it is the
/// <c>gongkai</c> CLI, whose <c>serve</c> and <c>demo</c> run the same function classes under the local host.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var cli = CreateCli();
        if (args is [var verb, ..] && (cli.Subcommands.Any(c => c.Name == verb) || verb is "--help" or "-h" or "-?" or "--version"))
        {
            return cli.Parse(args).InvokeAsync();
        }
        return WorkerHost.RunAsync(args);
    }

    public static RootCommand CreateCli()
    {
        var root = new RootCommand("Gongkai turns Chinese government-information-disclosure annual reports into data. Without a command: the Azure Functions isolated worker.");
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.ReparseCommand.Create());
        root.Subcommands.Add(Commands.DemoCommand.Create());
        root.Subcommands.Add(Commands.ParseCommand.Create());
        root.Subcommands.Add(Commands.HarvestCommand.Create());
        return root;
    }
}
