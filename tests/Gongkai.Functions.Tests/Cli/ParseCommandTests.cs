using System.CommandLine;
using System.Text;
using System.Text.Json;
using Gongkai.Functions.Commands;

namespace Gongkai.Functions.Tests.Cli;

public sealed class ParseCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gongkai-parse-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test") { ParseCommand.Create(output, error) };
        var exit = root.Parse(["parse", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private const string Report = "广州市南沙区人民政府2019年政府信息公开工作年度报告\n一、总体情况\n2019年，我区共受理信息公开申请964件。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";

    [Fact]
    public void Prints_one_json_object_per_file()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Write("a.txt", Encoding.UTF8.GetBytes(Report));
        var page = Write("b.html", Encoding.GetEncoding("gbk").GetBytes("<html><body><p>" + Report.Replace("\n", "</p><p>", StringComparison.Ordinal) + "</p></body></html>"));

        var (exit, output, error) = Run(text, page, "--content-type", "text/html; charset=utf-8");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var (line, file) in lines.Zip([text, page]))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(file, root.GetProperty("file").GetString());
            Assert.Equal("广州市南沙区人民政府", root.GetProperty("agency").GetString());
            Assert.Equal("广州市南沙区人民政府", root.GetProperty("agencyAsWritten").GetString());
            Assert.Equal("南沙区", root.GetProperty("region").GetProperty("county").GetString());
            Assert.Equal(2019, root.GetProperty("reportYear").GetInt32());
            Assert.Equal("simplified", root.GetProperty("script").GetString());
            Assert.Equal("2019", root.GetProperty("format").GetString());
            Assert.Equal("overview", root.GetProperty("sections")[0].GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Object, root.GetProperty("metrics").ValueKind);
            Assert.Equal(JsonValueKind.Object, root.GetProperty("provenance").ValueKind);
            Assert.Equal(JsonValueKind.Array, root.GetProperty("problems").ValueKind);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("parserVersion").GetString()));
            Assert.Contains("tables.missing", line, StringComparison.Ordinal);
        }

        Assert.Contains("\"decidedBy\":\"detected\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_are_a_flat_key_number_object_with_provenance_beside_them()
    {
        var path = Write("c.txt", Encoding.UTF8.GetBytes("某某县人民政府2012年政府信息公开工作年度报告\n一、概述\n2012年，全县政府信息公开工作有序推进。\n二、主动公开政府信息情况\n全年主动公开政府信息2316条。\n"));
        var (exit, output, _) = Run(path);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.Equal(2316, metrics.GetProperty("proactive.total_items").GetDecimal());
        Assert.Equal("sentence", json.RootElement.GetProperty("provenance").GetProperty("proactive.total_items").GetProperty("kind").GetString());
    }

    [Fact]
    public void Unreadable_paths_exit_2_with_a_message_after_parsing_the_rest()
    {
        var good = Write("d.txt", Encoding.UTF8.GetBytes(Report));
        var missing = Path.Combine(directory, "missing.html");
        var (exit, output, error) = Run(good, missing);

        Assert.Equal(2, exit);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
        Assert.Contains("missing.html", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData()]
    [InlineData("--bogus", "x.txt")]
    [InlineData("x.txt", "--url", "not a url")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("gongkai parse:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_the_verb()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("JSON Lines", output, StringComparison.Ordinal);
        Assert.Contains("--content-type", output, StringComparison.Ordinal);
        Assert.Contains("--url", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_program_has_the_verb()
    {
        var exit = await Program.Main(["parse", Write("e.txt", Encoding.UTF8.GetBytes(Report))]);
        Assert.Equal(0, exit);
    }
}
