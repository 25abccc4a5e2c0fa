using System.Text.RegularExpressions;

namespace Gongkai.Reports.Metadata;

/// <summary>
/// The publication date: the page's PubDate meta, an info line (发布日期：…, 来源：… 时间：…, 日期：…), a line
/// holding only a date near the top or at the end of the report, and last the listing's date.
/// </summary>
internal static partial class PublishedDateReader
{
    /// <summary>The date, where it came from, and its offsets in the report text when it is there.</summary>
    public static (DateOnly? Date, string? Source, int? Start, int? End) Read(MetadataSources sources)
    {
        if (sources.MetaValue("pubdate", "publishdate", "firstpublishedtime", "article:published_time") is { } meta
            && ChineseDates.FindDate(ChineseScript.ToMatchText(meta)) is { } fromMeta)
        {
            return (fromMeta.Date, "meta", null, null);
        }

        foreach (var line in sources.Before.Concat(sources.Removed).Concat(sources.After))
        {
            var match = ChineseScript.ToMatchText(line);
            var label = DateLabel().Match(match);
            if (label.Success && ChineseDates.FindDate(match, label.Index + label.Length) is { } labelled
                && labelled.Start - (label.Index + label.Length) <= 2)
            {
                return (labelled.Date, "info line", null, null);
            }
        }

        var lines = sources.Lines;
        foreach (var i in Enumerable.Range(0, Math.Min(lines.Count, 3)).Concat(Enumerable.Range(Math.Max(0, lines.Count - 3), Math.Min(lines.Count, 3)).Reverse()))
        {
            var (start, end) = lines[i];
            if (DateOnlyLine().IsMatch(sources.MatchText, start) && end - start <= 24
                && ChineseDates.FindDate(sources.MatchText, start, end - start) is { } dated)
            {
                return (dated.Date, "date line", dated.Start, dated.End);
            }
        }

        foreach (var line in sources.Before)
        {
            var match = ChineseScript.ToMatchText(line);
            if (match.Length <= 24 && DateOnlyLine().IsMatch(match) && ChineseDates.FindDate(match) is { } before)
            {
                return (before.Date, "date line", null, null);
            }
        }

        if (sources.Url is { } url && FromUrl(url) is { } fromUrl)
        {
            return (fromUrl, "url", null, null);
        }

        return sources.LinkDate is { } link ? (link, "link date", null, null) : (null, null, null, null);
    }

    /// <summary>The publication date CMSs write into article URLs: TRS <c>t20200120_80576.html</c>, Hanweb <c>art/2018/2/28/</c>.</summary>
    public static DateOnly? FromUrl(Uri url)
    {
        var path = url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString;
        var match = TrsArticle().Match(path);
        if (!match.Success)
        {
            match = HanwebArticle().Match(path);
        }

        if (!match.Success)
        {
            return null;
        }

        var (year, month, day) = (int.Parse(match.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture));
        return year is >= ChineseDates.MinYear and <= ChineseDates.MaxYear && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    [GeneratedRegex(@"/t(?<y>(?:19|20)\d{2})(?<m>\d{2})(?<d>\d{2})_\d+\.s?html?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TrsArticle();

    [GeneratedRegex(@"/art/(?<y>(?:19|20)\d{2})/(?<m>\d{1,2})/(?<d>\d{1,2})/art_", RegexOptions.CultureInvariant)]
    private static partial Regex HanwebArticle();

    [GeneratedRegex(@"(?:发布日期|发布时间|发文日期|成文日期|日期|时间)\s*[:]?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex DateLabel();

    [GeneratedRegex(@"\G\s*[(\[【]?\s*(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*[-/.年]", RegexOptions.CultureInvariant)]
    private static partial Regex DateOnlyLine();
}
