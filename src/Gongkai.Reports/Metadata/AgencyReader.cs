using System.Text.RegularExpressions;

namespace Gongkai.Reports.Metadata;

/// <summary>
/// The agency, as written and in Simplified script: from the title (what precedes the report name, the year
/// taken out), the body's own statement (现公布…年度报告, 由…编制), a signature above the closing date, the
/// info line's 来源, the footer's 版权所有/主办单位, the site name.
/// </summary>
internal static partial class AgencyReader
{
    public const int MaxAgencyLength = 40;

    public static (string? Agency, string? AsWritten) Read(MetadataSources sources, string? title)
    {
        // A name that says where (广州市…局) beats one that does not (区政府办公室), which is a last resort. When the
        // report names itself by level only (区政府办公室, 市财政局) and the page says which place that is, the two
        // are joined: 广州市南沙区 + 区政府办公室 → 广州市南沙区政府办公室.
        (string Written, bool Own)? placeless = null;
        foreach (var (candidate, own) in Candidates(sources, title))
        {
            var cleaned = Clean(candidate);
            if (cleaned is null)
            {
                continue;
            }

            var simplified = Canonical(ChineseScript.ToSimplified(cleaned), sources);
            var region = RegionReader.Read(simplified);
            if (region == ReportRegion.Unknown)
            {
                placeless ??= (cleaned, own);
                continue;
            }

            if (placeless is { Own: true } named && Qualify(named.Written, cleaned, region) is { } qualified)
            {
                return (Canonical(ChineseScript.ToSimplified(qualified), sources), qualified);
            }

            return (simplified, cleaned);
        }

        return placeless is { } last ? (Canonical(ChineseScript.ToSimplified(last.Written), sources), last.Written) : (null, null);
    }

    private static string? Qualify(string levelOnly, string placed, ReportRegion region)
    {
        var level = ChineseScript.ToSimplified(levelOnly[..1]);
        var place = level switch
        {
            "区" or "县" or "旗" => region.County,
            "市" => region.City,
            "省" => region.Province,
            _ => null,
        };
        if (place is null || !place.EndsWith(level, StringComparison.Ordinal))
        {
            return null;
        }

        var at = ChineseScript.ToSimplified(placed).IndexOf(place, StringComparison.Ordinal);
        return at < 0 ? null : placed[..(at + place.Length)] + levelOnly[1..];
    }

    /// <summary>
    /// Simplified, and a place's government named in full (荆州市政府 → 荆州市人民政府) — but only when the document itself
    /// uses the full name: a canonical form picks another name the document gives, it never invents one (XX新区 stays
    /// XX新区, not XX新区人民政府).
    /// </summary>
    private static string Canonical(string simplified, MetadataSources sources)
    {
        var place = BarePlace().Match(simplified);
        var full = place.Success ? place.Groups[1].Value + "人民政府" : PlaceOnly().IsMatch(simplified) ? simplified + "人民政府" : null;
        return full is not null && Uses(sources, full) ? full : simplified;
    }

    // A place before a report name that starts with 政府 (荆州市2011年政府信息公开年度报告) is that place's government only
    // when the document calls it so (荆州市政府 in its text); otherwise the place is written alone, nothing appended.
    private static string Written(string fromTitle, MetadataSources sources)
    {
        var match = ChineseScript.ToMatchText(fromTitle);
        return match.EndsWith("政府", StringComparison.Ordinal) && !match.EndsWith("人民政府", StringComparison.Ordinal)
            && PlaceOnly().IsMatch(match[..^2]) && !Uses(sources, match) && !Uses(sources, match[..^2] + "人民政府")
            ? fromTitle[..^2]
            : fromTitle;
    }

    private static bool Uses(MetadataSources sources, string name) =>
        sources.MatchText.Contains(name, StringComparison.Ordinal)
        || (sources.MetaValue("articletitle", "contentsource", "sitename") is { } meta && ChineseScript.ToMatchText(meta).Contains(name, StringComparison.Ordinal))
        || sources.Before.Concat(sources.Removed).Concat(sources.After).Any(line => ChineseScript.ToMatchText(line).Contains(name, StringComparison.Ordinal));

    private static IEnumerable<(string Name, bool Own)> Candidates(MetadataSources sources, string? title)
    {
        if (title is not null && FromTitle(title) is { } fromTitle)
        {
            yield return (Written(fromTitle, sources), true);
        }

        // The body, in this order of trust: a sentence in which the report names itself (现公布…报告, 编制《…》,
        // 特向社会公布2020年…报告), 由…编制, …（以下简称我局）, then a contact line (请与…联系) naming an agency.
        var head = sources.MatchText.Length > 3000 ? sources.MatchText[..3000] : sources.MatchText;
        if (TitleReader.NamedInSentence(head) is { Success: true } named && FromTitle(sources.Text.Substring(named.Groups["r"].Index, named.Groups["r"].Length)) is { } author)
        {
            yield return (Written(author, sources), true);
        }

        foreach (var pattern in new[] { CompiledBy(), ShortName() })
        {
            var match = pattern.Match(head);
            if (match.Success)
            {
                var group = match.Groups["a"];
                yield return (sources.Text.Substring(group.Index, group.Length), true);
            }
        }

        if (Contact(sources) is { } contact)
        {
            yield return (contact, true);
        }

        if (Signature(sources) is { } signature)
        {
            yield return (signature, true);
        }

        if (sources.MetaValue("contentsource") is { } source)
        {
            yield return (source, false);
        }

        foreach (var line in sources.Before.Concat(sources.Removed).Concat(sources.After))
        {
            var match = Labelled().Match(ChineseScript.ToMatchText(line));
            if (match.Success)
            {
                yield return (line.Substring(match.Groups["a"].Index, match.Groups["a"].Length), false);
            }
        }

        if (sources.MetaValue("sitename") is { } site)
        {
            yield return (site, false);
        }

        if (sources.HtmlTitle is { } htmlTitle)
        {
            foreach (var part in htmlTitle.Split(['_', '|', '-', '－', '—', '–', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return (part, false);
            }
        }
    }

    /// <summary>What precedes the report name in a title, years removed; a place alone gets its government.</summary>
    public static string? FromTitle(string title)
    {
        var match = ChineseScript.ToMatchText(title);
        var name = TitleReader.ReportNameIn(match);
        if (!name.Success || name.Index == 0)
        {
            return null;
        }

        var prefix = YearPrefix().Replace(match[..name.Index], "");
        var asWritten = RemoveYears(title[..name.Index], match[..name.Index]);
        asWritten = TrailingAbout().Replace(LeadingAbout().Replace(asWritten, ""), "");
        prefix = TrailingAbout().Replace(LeadingAbout().Replace(prefix, ""), "");
        if (prefix.Length == 0)
        {
            return null;
        }

        // 广州市荔湾区人民政府信息公开年度报告: the report name took 政府 from 人民政府; a place followed by
        // 政府信息公开… is that place's government.
        var tookGovernment = match.AsSpan(name.Index).StartsWith("政府");
        // A zone (XX新区, XX综合实验区, XX开发区) is run by a 管委会, not a 政府: its name is written as it stands.
        if (tookGovernment && (prefix.EndsWith("人民", StringComparison.Ordinal) || (IsPlace(prefix) && !Zone().IsMatch(prefix))))
        {
            return asWritten + title.Substring(name.Index, 2);
        }

        return asWritten;
    }

    private static string RemoveYears(string written, string match)
    {
        var builder = new System.Text.StringBuilder(written.Length);
        var last = 0;
        foreach (Match year in YearPrefix().Matches(match))
        {
            builder.Append(written, last, year.Index - last);
            last = year.Index + year.Length;
        }

        builder.Append(written, last, written.Length - last);
        return builder.ToString().Trim();
    }

    // 如对本报告有任何疑问，请与XX区人民政府办公室联系: the office answers for the report. Where the report speaks for the
    // office's parent (我区…), the author is the parent: the trailing 办公室 is dropped, nothing else changes.
    private static string? Contact(MetadataSources sources)
    {
        var match = ContactLine().Match(sources.MatchText);
        if (!match.Success)
        {
            return null;
        }

        var group = match.Groups["a"];
        var name = sources.Text.Substring(group.Index, group.Length);
        var simplified = group.Value;
        if (!simplified.EndsWith("办公室", StringComparison.Ordinal) || simplified.Length <= 5)
        {
            return name;
        }

        var parent = simplified[..^3];
        var level = parent.EndsWith("人民政府", StringComparison.Ordinal) && parent.Length > 4 ? parent[^5]
            : parent.EndsWith("政府", StringComparison.Ordinal) && parent.Length > 2 ? parent[^3]
            : parent[^1];
        var speaksForParent = sources.MatchText.Contains("我" + level, StringComparison.Ordinal) || sources.MatchText.Contains("本" + level, StringComparison.Ordinal);
        return speaksForParent ? name[..^3] : name;
    }

    // The lines closing a report: the agency's name, then the date (…区人民政府办公室 / 2020年1月15日).
    private static string? Signature(MetadataSources sources)
    {
        var lines = sources.Lines;
        for (var i = lines.Count - 1; i >= Math.Max(1, lines.Count - 3); i--)
        {
            var line = sources.MatchLine(i).Trim();
            if (line.Length <= 20 && ChineseDates.FindDate(line) is { } date && date.Start <= 1)
            {
                return sources.Line(i - 1);
            }
        }

        return null;
    }

    private static string? Clean(string candidate)
    {
        var text = candidate.Trim().Trim('：', ':', '，', ',', '。', '“', '”', '"', '《', '》', ' ', '　', '(', ')', '（', '）');
        if (text.Length < 3 || text.Length > MaxAgencyLength)
        {
            return null;
        }

        // Han characters only, but a bracketed place inside the name is part of it: 中国（上海）自由贸易试验区….
        var depth = 0;
        foreach (var c in text)
        {
            depth += c is '（' or '(' ? 1 : c is '）' or ')' ? -1 : 0;
            if (depth is < 0 or > 1 || (!ChineseScript.IsHan(c) && c is not ('（' or '(' or '）' or ')')))
            {
                return null;
            }
        }

        if (depth != 0)
        {
            return null;
        }

        var match = ChineseScript.ToMatchText(text);
        if (match is "本网" or "本站" or "本网站" || match.Contains("网站", StringComparison.Ordinal) && !match.EndsWith("中心", StringComparison.Ordinal))
        {
            return null;
        }

        return AgencySuffix().IsMatch(match) || IsPlace(match) ? text : null;
    }

    private static bool IsPlace(string simplified) => BarePlace().IsMatch(simplified) || PlaceOnly().IsMatch(simplified);

    [GeneratedRegex(@"(?:人民政府|政府|办公室|办公厅|委员会|管理委员会|管委会|局|厅|委|部|署|院|中心|办|所|站|队|处|室|街道办事处|街道|镇|乡|总局|分局|支队|大队|监狱|海关|银行|公司|集团|学校|大学)$", RegexOptions.CultureInvariant)]
    private static partial Regex AgencySuffix();

    [GeneratedRegex(@"^(\p{IsCJKUnifiedIdeographs}{1,12}?(?:省|市|区|县|州|旗|盟|镇|乡|自治区|自治州|自治县))政府$", RegexOptions.CultureInvariant)]
    private static partial Regex BarePlace();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{1,12}?(?:省|市|区|县|州|旗|盟|镇|乡|自治区|自治州|自治县)$", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceOnly();

    [GeneratedRegex(@"(?:(?<!\d)(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年度?", RegexOptions.CultureInvariant)]
    private static partial Regex YearPrefix();

    [GeneratedRegex(@"(?:新区|实验区|试验区|开发区|示范区|合作区|园区|保税区|高新区|经开区|管理区)$", RegexOptions.CultureInvariant)]
    private static partial Regex Zone();

    [GeneratedRegex(@"^\s*关于", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingAbout();

    // 某某局关于2019年政府信息公开工作年度报告: 关于 sits between the agency and the (removed) year.
    [GeneratedRegex(@"(?:关于|的)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingAbout();

    [GeneratedRegex(@"由(?<a>\p{IsCJKUnifiedIdeographs}{2,40}?)(?:负责)?编制", RegexOptions.CultureInvariant)]
    private static partial Regex CompiledBy();

    // XX市财政局(以下简称“我局”): the name a report gives itself before taking the short form.
    [GeneratedRegex(@"(?:^|[,，。;；:：\s])(?<a>\p{IsCJKUnifiedIdeographs}{3,40}?)\s*\(\s*以下简称\s*[“""]?(?:我|本)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex ShortName();

    // 如对本报告有任何疑问，请与XX联系 / 如有疑问请与XX咨询.
    [GeneratedRegex(@"(?:请|可)(?:与|向)(?<a>\p{IsCJKUnifiedIdeographs}{3,40}?)(?:联系|咨询|反映)", RegexOptions.CultureInvariant)]
    private static partial Regex ContactLine();

    [GeneratedRegex(@"(?:版权所有|主办单位|主办|信息来源|文章来源|来源)\s*[:]?\s*(?:\(c\)|©)?\s*(?<a>\p{IsCJKUnifiedIdeographs}{3,40})", RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();
}
