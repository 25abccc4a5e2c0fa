using System.Text.RegularExpressions;

namespace Gongkai.Reports.Html;

/// <summary>
/// The metadata block a government page shows around its title, as page-to-text tools and mirrors hand it over:
/// <c>索 引 号 | 11440000/2022-00031 | 分 类 | … |</c>, <c>发布机构 | 市政府办 | 发文日期 | 2022-01-28 |</c>,
/// <c>名  称 XX年度报告</c>, <c>信息来源:XX办公室</c>, <c>发表日期:… 发布机构:…</c>. A line made only of such fields is the
/// page's metadata, not report text: 名称/标题 is the title, the dates are the publication date, 发布机构/信息来源 name the
/// page's publisher (often not the report's author). A label is never part of a title.
/// </summary>
internal static partial class PageFields
{
    private const int MaxFieldLine = 200;

    /// <summary>Reads the line's fields into <paramref name="meta"/> when the line is made only of fields.</summary>
    public static bool TryRead(string line, Dictionary<string, string> meta)
    {
        if (line.Length > MaxFieldLine || Label().Match(line) is not { Success: true, Index: var at } || line.AsSpan(0, at).Trim(" |　").Length > 0)
        {
            return false;
        }

        var fields = new List<(string Label, string Value)>();
        var cells = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < cells.Length; i++)
        {
            var labels = Label().Matches(cells[i]);
            if (labels.Count == 0 || labels[0].Index != 0)
            {
                return false; // a cell that is neither a label nor a label's value
            }

            for (var k = 0; k < labels.Count; k++)
            {
                var valueStart = labels[k].Index + labels[k].Length;
                var valueEnd = k + 1 < labels.Count ? labels[k + 1].Index : cells[i].Length;
                var value = cells[i][valueStart..valueEnd].Trim();
                if (value.Length == 0 && k == labels.Count - 1 && i + 1 < cells.Length && !Label().Match(cells[i + 1]).Success)
                {
                    value = cells[++i]; // 发布机构 | 市政府办
                }

                fields.Add((WithoutSpaces(labels[k].Groups["l"].Value), value));
            }
        }

        foreach (var (label, value) in fields)
        {
            if (value.Length > 0 && MetaName(label) is { } name)
            {
                meta.TryAdd(name, value);
            }
        }

        return true;
    }

    private static string WithoutSpaces(string label) => string.Concat(label.Where(c => !char.IsWhiteSpace(c)));

    private static string? MetaName(string label) => label switch
    {
        "名称" or "标题" or "題名" or "標題" => "articletitle",
        "发布时间" or "發布時間" or "发布日期" or "發布日期" or "发表日期" or "發表日期" or "发文日期" or "發文日期" or "成文日期" or "生成日期" => "pubdate",
        "发布机构" or "發布機構" or "信息来源" or "信息來源" or "来源" or "來源" => "contentsource",
        _ => null,
    };

    // A field label, its characters possibly spaced out (索 引 号, 名  称), then a colon, spaces or nothing.
    [GeneratedRegex(@"(?<l>索\s*引\s*号|索\s*引\s*號|分\s*类|分\s*類|主题分类|主題分類|发\s*布\s*机\s*构|發\s*布\s*機\s*構|发文机关|发文日期|發文日期|发布日期|發布日期|发布时间|發布時間|发表日期|發表日期|成文日期|生成日期|名\s+称|名\s+稱|名称|名稱|标\s*题|標\s*題|文\s*号|文\s*號|信息来源|信息來源|(?<!信息)来源|(?<!信息)來源|浏览次数|瀏覽次數|点击数|有\s*效\s*性|关\s*键\s*词|公开方式|公开范围|公开时限)(?:\s*[:：]\s*|\s+|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
