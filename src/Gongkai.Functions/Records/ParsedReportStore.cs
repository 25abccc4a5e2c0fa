using System.Text;
using Gongkai.Reports;
using Gongkai.Storage;

namespace Gongkai.Functions.Records;

/// <summary>The parser's full output per raw blob, in parsed-reports as <c>{raw blob name}.json</c>.</summary>
public sealed class ParsedReportStore(RecordStorage storage)
{
    public static string NameFor(string rawBlob) => rawBlob + ".json";

    /// <param name="parsedJson">The parse as <see cref="ReportJson.Serialize"/> wrote it.</param>
    public async Task WriteAsync(string rawBlob, string reportId, ParsedReport parsed, string parsedJson, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(StorageNames.ParsedReportsContainer, cancellationToken);
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(parsedJson));
        await container.UploadAsync(NameFor(rawBlob), json, new BlobUploadOptions
        {
            ContentType = "application/json; charset=utf-8",
            Metadata = new Dictionary<string, string> { ["reportid"] = reportId, ["parserversion"] = parsed.ParserVersion, ["rawblob"] = rawBlob },
        }, cancellationToken);
    }

    public async Task<ParsedReport?> ReadAsync(string parsedBlob, CancellationToken cancellationToken) =>
        await ReadJsonAsync(parsedBlob, cancellationToken) is { } json ? ReportJson.Deserialize(json) : null;

    public async Task<string?> ReadJsonAsync(string parsedBlob, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(StorageNames.ParsedReportsContainer, cancellationToken);
        try
        {
            await using var download = await container.DownloadAsync(parsedBlob, cancellationToken);
            using var reader = new StreamReader(download.Content, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return null;
        }
    }
}
