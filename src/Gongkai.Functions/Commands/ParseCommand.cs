using System.CommandLine;
using Gongkai.Reports;

namespace Gongkai.Functions.Commands;

/// <summary>
/// <c>gongkai parse &lt;file&gt;... [--url URL] [--content-type TYPE]</c>: parses report files (pages, text copies,
/// PDF/Word/Excel attachments) and prints one
/// JSON object per file (JSON Lines). Exit 0 when every file was read (problems in the reports are output, not
/// failures), 2 for usage errors and unreadable paths.
/// </summary>
public static class ParseCommand
{
    public const int ExitOk = 0;
    public const int ExitUsage = 2;

    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var files = new Argument<string[]>("file")
        {
            Description = "Report files to parse: saved HTML pages in any encoding, .txt copies, or attachments (PDF, DOCX, XLSX, XLS; the type is read from the bytes).",
            // Checked in the action, so that every usage error exits with 2 and a message of ours.
            Arity = ArgumentArity.ZeroOrMore,
        };
        var url = new Option<string?>("--url")
        {
            Description = "The absolute URL the page was fetched from.",
        };
        var contentType = new Option<string?>("--content-type")
        {
            Description = "The HTTP Content-Type the page was served with, e.g. \"text/html; charset=gb2312\" (it may lie; the bytes are checked).",
        };
        var indented = new Option<bool>("--indent")
        {
            Description = "Indent the JSON (one object per file still, but over several lines).",
        };

        var command = new Command(
            "parse",
            "Parse government-information-disclosure annual reports and print one JSON object per file (JSON Lines): "
            + "file, agency, agencyAsWritten, region, reportYear, publishedOn, format, script, title, sections, "
            + "metrics (key → number), provenance (key → where each figure was read), problems, parserVersion. "
            + "Exit code 0 when the files were read (even with problems), 2 for usage errors or unreadable files.")
        {
            files,
            url,
            contentType,
            indented,
        };
        command.TreatUnmatchedTokensAsErrors = false;

        command.SetAction(parseResult =>
        {
            var stdout = output ?? Console.Out;
            var stderr = error ?? Console.Error;
            var usage = UsageError(parseResult, parseResult.GetValue(files), parseResult.GetValue(url), out var uri);
            if (usage is not null)
            {
                stderr.WriteLine($"gongkai parse: {usage}");
                stderr.WriteLine("Usage: gongkai parse <file>... [--url URL] [--content-type TYPE] [--indent]  (gongkai parse --help)");
                return ExitUsage;
            }

            return Run(
                parseResult.GetValue(files) ?? [],
                uri,
                parseResult.GetValue(contentType),
                parseResult.GetValue(indented),
                stdout,
                stderr);
        });
        return command;
    }

    private static string? UsageError(ParseResult parseResult, string[]? files, string? url, out Uri? uri)
    {
        uri = null;
        if (parseResult.Errors.Count > 0)
        {
            return parseResult.Errors[0].Message;
        }

        if (parseResult.UnmatchedTokens.Count > 0)
        {
            return $"unknown option or argument '{parseResult.UnmatchedTokens[0]}'.";
        }

        if (files is null || files.Length == 0)
        {
            return "no file given.";
        }

        if (files.FirstOrDefault(f => f.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            return $"unknown option '{option}'.";
        }

        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            return $"--url must be an absolute http(s) URL, not '{url}'.";
        }

        return null;
    }

    public static int Run(IReadOnlyList<string> paths, Uri? url, string? contentType, bool indented, TextWriter output, TextWriter error)
    {
        var unreadable = 0;
        var parser = new ReportParser();
        foreach (var path in paths)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"gongkai parse: cannot read '{path}': {e.Message}");
                unreadable++;
                continue;
            }

            var report = parser.Parse(new ReportSource(bytes)
            {
                Url = url,
                ContentType = contentType,
                FileName = Path.GetFileName(path),
            });
            output.WriteLine(ReportJson.SerializeRecord(report, path, indented));
        }

        return unreadable > 0 ? ExitUsage : ExitOk;
    }
}
