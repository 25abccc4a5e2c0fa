using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;

namespace Gongkai.Functions.Records;

/// <summary>The parser's full output per raw blob, in parsed-reports as <c>{raw blob name}.json</c>.</summary>
public sealed class ParsedReportStore(RecordStorage storage)
{
    public static string NameFor(string rawBlob) => rawBlob + ".json";

    /// <param name="parsedJson">The parse as <see cref="ReportJson.Serialize"/> wrote it.</param>
    public async Task WriteAsync(string rawBlob, string reportId, ParsedReport parsed, string parsedJson, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(StorageNames.ParsedReportsContainer, cancellationToken);
        await container.GetBlobClient(NameFor(rawBlob)).UploadAsync(BinaryData.FromString(parsedJson), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
            Metadata = BlobMetadataEncoding.EncodeAll(new Dictionary<string, string> { ["reportid"] = reportId, ["parserversion"] = parsed.ParserVersion, ["rawblob"] = rawBlob }),
        }, cancellationToken);
    }

    public async Task<ParsedReport?> ReadAsync(string parsedBlob, CancellationToken cancellationToken) =>
        await ReadJsonAsync(parsedBlob, cancellationToken) is { } json ? ReportJson.Deserialize(json) : null;

    public async Task<string?> ReadJsonAsync(string parsedBlob, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(StorageNames.ParsedReportsContainer, cancellationToken);
        try
        {
            var download = await container.GetBlobClient(parsedBlob).DownloadContentAsync(cancellationToken);
            return Encoding.UTF8.GetString(download.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
