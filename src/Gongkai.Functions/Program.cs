using System.CommandLine;

namespace Gongkai.Functions;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Gongkai turns Chinese government-information-disclosure annual reports into data.");
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.ReparseCommand.Create());
        root.Subcommands.Add(Commands.DemoCommand.Create());
        root.Subcommands.Add(Commands.ParseCommand.Create());
        root.Subcommands.Add(Commands.HarvestCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
