namespace Gongkai.Functions.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_the_program_and_exits_zero()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var exit = await Program.Main(["--help"]);
            Assert.Equal(0, exit);
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Contains("Usage:", output.ToString());
        Assert.Contains("government-information-disclosure", output.ToString());
    }
}
