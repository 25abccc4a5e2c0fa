using System.IO.Compression;
using System.Text;
using Gongkai.Reports;

namespace Gongkai.Functions.Records;

/// <summary>
/// The parser's full JSON, gzip-compressed into one binary column of the <c>Reports</c> row, so that
/// <c>GET /api/reports/{id}</c> is one point read instead of a point read and a blob download. A parse whose compressed
/// JSON does not fit the column is read from parsed-reports instead (which always has it).
/// </summary>
public static class InlineParse
{
    /// <summary>Table Storage holds at most 64 KiB in a binary property; the rest of the row needs room too.</summary>
    public const int MaxCompressedBytes = 60 * 1024;

    /// <returns>The compressed JSON, or null when it is larger than <see cref="MaxCompressedBytes"/>.</returns>
    public static byte[]? Compress(string json)
    {
        using var buffer = new MemoryStream(json.Length / 4);
        // Optimal, not SmallestSize: the row is rewritten only when the parse changes, and it compresses ~10:1 either way.
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            gzip.Write(utf8);
        }
        return buffer.Length <= MaxCompressedBytes ? buffer.ToArray() : null;
    }

    public static ParsedReport Read(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return ReportJson.Deserialize(reader.ReadToEnd())
            ?? throw new InvalidDataException("The report's inline parse is empty.");
    }
}
