using System.IO.Compression;

namespace Gongkai.Reports.Documents;

/// <summary>
/// Checks a DOCX or XLSX package before a reader unpacks it: the declared sizes of its parts (the zip reader stops
/// inflating at the declared size, so a part cannot grow past it), their packing ratios and count.
/// </summary>
internal static class ZipGuard
{
    /// <summary>Why the package must not be unpacked, or null when it is safe to read.</summary>
    public static string? Check(ReadOnlyMemory<byte> content)
    {
        using var archive = new ZipArchive(new ReadOnlyMemoryStream(content), ZipArchiveMode.Read);
        if (archive.Entries.Count > DocumentLimits.MaxZipEntries)
        {
            return $"The package holds {archive.Entries.Count:N0} parts (at most {DocumentLimits.MaxZipEntries:N0} are read).";
        }

        long total = 0;
        foreach (var entry in archive.Entries)
        {
            total += entry.Length;
            if (entry.Length > 1024 * 1024 && entry.Length > entry.CompressedLength * DocumentLimits.MaxPackingRatio)
            {
                return $"The part {entry.FullName} unpacks from {entry.CompressedLength:N0} to {entry.Length:N0} bytes (a zip bomb); it was not unpacked.";
            }
        }

        return total > DocumentLimits.MaxUnpackedBytes
            ? $"The package unpacks to {total:N0} bytes (at most {DocumentLimits.MaxUnpackedBytes:N0} are read)."
            : null;
    }
}
