using Gongkai.Reports.Decoding;
using Gongkai.Reports.Documents;
using Gongkai.Reports.Html;
using Gongkai.Reports.Metadata;
using Gongkai.Reports.Sections;

namespace Gongkai.Reports;

/// <summary>
/// Parses one fetched report: decode → read the page → find the report body → clean the text (pinyin
/// artifacts, script) → sections → metadata → figures. Stateless and thread-safe. Never throws on any input: a
/// stage that fails becomes a <see cref="ProblemCodes.StageFailed"/> problem and the later stages run on what
/// there is.
/// </summary>
public sealed class ReportParser
{
    /// <summary>Inputs larger than this are parsed from their beginning only (a report page is well under 2 MB).</summary>
    public const int MaxInputBytes = 16 * 1024 * 1024;

    /// <summary>Attachments larger than this are kept but not read (a PDF report with its images is well under 20 MB).</summary>
    public const int MaxAttachmentBytes = 64 * 1024 * 1024;

    public ParsedReport Parse(ReportSource source) => Parse(source, null);

    /// <summary>Parses, adding the time each stage takes to <paramref name="timings"/> when given.</summary>
    public ParsedReport Parse(ReportSource source, ParseTimings? timings)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (document, metadata) = Read(source, timings);
        var extraction = Stage("metrics", document.Problems, () => MetricExtractor.Extract(document), null, timings);
        var problems = new List<ReportProblem>(document.Problems);
        if (extraction is not null)
        {
            problems.AddRange(extraction.Problems);
        }

        return new ParsedReport
        {
            Agency = metadata.Agency,
            AgencyAsWritten = metadata.AgencyAsWritten,
            Region = metadata.Region,
            ReportYear = metadata.ReportYear,
            PublishedOn = metadata.PublishedOn,
            Format = extraction?.Format ?? ReportFormats.Unknown,
            Script = document.Script,
            Title = metadata.Title,
            Decoding = document.Decoding,
            Text = document.Text,
            Sections = document.Sections,
            SourceType = document.SourceType,
            Metrics = document.Map is { } map && extraction is not null ? map.Locate(extraction.Metrics) : extraction?.Metrics ?? new Dictionary<string, ReportMetric>(),
            Problems = problems,
        };
    }

    /// <summary>The text side's reading alone: cleaned text, tables, sections, year, and its problems.</summary>
    public ReportDocument ReadDocument(ReportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Read(source, null).Document;
    }

    private static (ReportDocument Document, ReportMetadata Metadata) Read(ReportSource source, ParseTimings? timings)
    {
        var problems = new List<ReportProblem>();
        var sourceType = Stage("detect", problems, () => DocumentSniffer.Detect(source.Content, source.ContentType, source.FileName), SourceTypes.Html, timings)!;
        var bytes = source.Content.Span;
        if (bytes.Length > MaxInputBytes && !SourceTypes.IsAttachment(sourceType))
        {
            problems.Add(new ReportProblem(
                ProblemCodes.InputTruncated,
                $"The input is {bytes.Length:N0} bytes; only the first {MaxInputBytes:N0} were parsed."));
            bytes = bytes[..MaxInputBytes];
        }

        var (page, layout, decoding, attachment) = SourceTypes.IsAttachment(sourceType)
            ? ReadAttachment(source.Content, sourceType, problems, timings)
            : ReadPage(source.Content[..bytes.Length], source, problems, timings);
        var assembled = Stage("text", problems, () => Parsing.AssembledText.From(layout.Body), null, timings)
            ?? Parsing.AssembledText.From([]);
        if (assembled.Text.Length == 0 && attachment?.Unreadable != true)
        {
            problems.Add(new ReportProblem(ProblemCodes.TextEmpty, "No report text was found in the input."));
        }

        if (assembled.PinyinArtifactsRemoved > 0)
        {
            problems.Add(new ReportProblem(
                ProblemCodes.PinyinArtifacts,
                $"Removed {assembled.PinyinArtifactsRemoved} pinyin annotations a script converter left after characters (e.g. 根據(jù))."));
        }

        Stage("misdecoding", problems, () =>
        {
            foreach (var (start, end) in MisdecodingDetector.Find(assembled.Text))
            {
                problems.Add(new ReportProblem(
                    ProblemCodes.TextMisdecoded,
                    $"Text mis-decoded before it reached us: “{assembled.Text[start..end]}”.")
                {
                    Start = start,
                    End = end,
                });
            }

            return true;
        }, false, timings);

        var script = Stage("script", problems, () => ChineseScript.Classify(assembled.Text), null, timings) ?? ReportScripts.Simplified;
        var sections = Stage("sections", problems, () => SectionFinder.Find(assembled.Text, assembled.MatchText, assembled.TableSpans), null, timings) ?? [];
        if (sections.Count == 0 && assembled.Text.Length > 0)
        {
            problems.Add(new ReportProblem(ProblemCodes.SectionsMissing, "No numbered section headings (一、… / （一）…) were found."));
        }

        var sources = new MetadataSources
        {
            Text = assembled.Text,
            MatchText = assembled.MatchText,
            Lines = assembled.Lines,
            Before = layout.Before,
            After = layout.After,
            Removed = layout.Removed,
            HtmlTitle = page.HtmlTitle,
            Meta = page.Meta,
            LinkText = source.LinkText,
            LinkDate = source.LinkDate,
            Url = source.Url ?? ExportedUrl(page),
        };
        var metadata = Stage("metadata", problems, () => MetadataReader.Read(sources), null, timings)
            ?? new ReportMetadata(null, null, null, ReportRegion.Unknown, null, null, []);
        problems.AddRange(metadata.Problems);

        var document = new ReportDocument
        {
            Text = assembled.Text,
            MatchText = assembled.MatchText,
            Tables = assembled.Tables,
            Sections = sections,
            ReportYear = metadata.ReportYear,
            Title = metadata.Title,
            Script = script,
            Decoding = decoding,
            SourceType = attachment?.SourceType ?? (page.IsPlainText ? SourceTypes.Text : SourceTypes.Html),
            Problems = problems,
            Map = attachment is null ? null : new DocumentMap(layout.Body, attachment.Origins, assembled.Lines),
        };
        return (document, metadata);
    }

    // A text export names the page it was taken from (原文链接); the fetch's own URL comes first.
    private static Uri? ExportedUrl(Html.PageContent page) =>
        page.Meta.TryGetValue("url", out var url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>A web page or text copy: decode → lines and tables → the report body among the page's chrome.</summary>
    private static (PageContent Page, BodyLayout Layout, DecodingInfo Decoding, DocumentContent? Attachment) ReadPage(
        ReadOnlyMemory<byte> content, ReportSource source, List<ReportProblem> problems, ParseTimings? timings)
    {
        // The page's characters go back to the pool once the page is read into lines and tables.
        using var decoded = Stage("decode", problems, () => ReportDecoder.DecodePooled(content.Span, source.ContentType, source.FileName), null, timings)
            ?? new PooledText(System.Text.Encoding.UTF8.GetString(content.Span).AsMemory(), null, DecodingInfo.None, isHtml: false);
        if (decoded.Decoding.DecidedBy == "detected" && decoded.Decoding.Declared is { } declared)
        {
            problems.Add(new ReportProblem(
                ProblemCodes.CharsetMismatch,
                $"The page declares {declared} but its bytes are {decoded.Decoding.Encoding}; decoded as {decoded.Decoding.Encoding}."));
        }

        var page = Stage("html", problems, () => decoded.IsHtml ? PageReader.Read(decoded.Chars, timings) : PlainText.Read(decoded.Chars.Span), null, timings)
            ?? PlainText.Read(MarkupStripper.Strip(decoded.Chars.ToString()));
        if (page.Fallback is { } why)
        {
            problems.Add(new ReportProblem(ProblemCodes.MarkupUnreadable, $"The markup could not be read as a tree ({why}); its text was read without it."));
        }

        var layout = Stage("body", problems, () => BodyLocator.Locate(page.Blocks), null, timings) ?? new BodyLayout();
        return (page, layout, decoded.Decoding, null);
    }

    /// <summary>
    /// A PDF, Word or Excel attachment: the whole document is the report (no page chrome around it); running
    /// headers and footers the reader removed are kept aside for metadata.
    /// </summary>
    private static (PageContent Page, BodyLayout Layout, DecodingInfo Decoding, DocumentContent? Attachment) ReadAttachment(
        ReadOnlyMemory<byte> content, string sourceType, List<ReportProblem> problems, ParseTimings? timings)
    {
        DocumentContent? attachment = null;
        if (content.Length > MaxAttachmentBytes)
        {
            problems.Add(new ReportProblem(
                ProblemCodes.DocumentTooLarge,
                $"The {sourceType} file is {content.Length:N0} bytes; files over {MaxAttachmentBytes:N0} bytes are kept but not read."));
        }
        else
        {
            attachment = Stage("document", problems, () => AttachmentReader.Read(content, sourceType), null, timings);
        }

        attachment ??= new DocumentContent(sourceType);
        problems.AddRange(attachment.Problems);
        var layout = new BodyLayout();
        layout.Body.AddRange(attachment.Page.Blocks);
        layout.Removed.AddRange(attachment.Removed);
        return (attachment.Page, layout, new DecodingInfo(sourceType, "format"), attachment);
    }

    private static T? Stage<T>(string name, List<ReportProblem> problems, Func<T> run, T? fallback, ParseTimings? timings)
    {
        var started = timings is null ? default : ParseTimings.Start();
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add(new ReportProblem(ProblemCodes.StageFailed, $"Stage '{name}' failed: {e.GetType().Name}: {e.Message}"));
            return fallback;
        }
        finally
        {
            timings?.Add(name, started);
        }
    }
}
