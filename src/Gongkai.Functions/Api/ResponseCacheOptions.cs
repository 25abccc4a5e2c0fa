using System.ComponentModel.DataAnnotations;

namespace Gongkai.Functions.Api;

/// <summary>The query API's in-process response cache (section <c>Gongkai:Api</c>; docs/api.md, <i>Caching</i>).</summary>
public sealed class ResponseCacheOptions
{
    public const string SectionName = "Gongkai:Api";

    /// <summary>
    /// How long an answer is reused. It bounds how stale another instance's answer can be after a write (this instance's
    /// own writes drop its cache at once). Zero turns the cache off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Total bytes of response bodies held.</summary>
    [Range(1L << 20, 1L << 32)]
    public long CacheSizeBytes { get; set; } = 64L << 20;

    /// <summary>Bigger responses are never cached (a long CSV export would push out many small answers).</summary>
    [Range(1024, 16 << 20)]
    public int MaxEntryBytes { get; set; } = 1 << 20;
}
