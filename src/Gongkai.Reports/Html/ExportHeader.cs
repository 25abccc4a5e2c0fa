using System.Text.RegularExpressions;

namespace Gongkai.Reports.Html;

/// <summary>
/// The header a text export writes before a report (<c>标题: …</c>, <c>发布时间: …</c>, <c>文号:</c>, <c>发布机构:</c>,
/// <c>栏目:</c>, <c>原文链接:</c>, then a <c>==== 正文 ====</c> rule). Its fields are the page's metadata, not report
/// text: the title, the date and the source URL are read from them, and a <c>栏目</c> (the column the page was
/// listed under) is never a title.
/// </summary>
internal static partial class ExportHeader
{
    private const int MaxFieldLines = 12;

    /// <summary>
    /// Reads the header at the start of <paramref name="lines"/> into <paramref name="meta"/> and returns how many
    /// lines it took (0 when the text has no export header: fewer than two fields, or fields without a 正文 rule
    /// and fewer than three of them).
    /// </summary>
    public static int Read(IReadOnlyList<string> lines, Dictionary<string, string> meta)
    {
        var fields = new List<(string Label, string Value)>();
        var i = 0;
        var rule = false;
        while (i < lines.Count && i < MaxFieldLines + 1)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                i++;
                continue;
            }

            if (BodyRule().IsMatch(line))
            {
                rule = true;
                i++;
                break;
            }

            var field = Field().Match(line);
            if (!field.Success)
            {
                break;
            }

            fields.Add((field.Groups["l"].Value, field.Groups["v"].Value.Trim()));
            i++;
        }

        if (fields.Count < 2 || (!rule && fields.Count < 3))
        {
            return 0;
        }

        foreach (var (label, value) in fields)
        {
            if (value.Length == 0 || MetaName(label) is not { } name)
            {
                continue;
            }

            meta.TryAdd(name, value);
        }

        return i;
    }

    private static string? MetaName(string label) => label switch
    {
        "标题" or "題目" or "题目" or "標題" => "articletitle",
        "发布时间" or "發布時間" or "发布日期" or "發布日期" or "发表日期" => "pubdate",
        "发布机构" or "發布機構" or "发文机关" or "發文機關" => "contentsource",
        "原文链接" or "原文鏈接" or "原文地址" or "链接" => "url",
        _ => null, // 栏目, 文号, 来源 …: kept out of the text, never a title
    };

    [GeneratedRegex(@"^(?<l>标题|題目|题目|標題|发布时间|發布時間|发布日期|發布日期|发表日期|成文日期|文号|文號|发文字号|发布机构|發布機構|发文机关|發文機關|来源|來源|信息来源|栏目|欄目|所属栏目|原文链接|原文鏈接|原文地址|链接|作者|索引号)\s*[:：]\s*(?<v>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Field();

    [GeneratedRegex(@"^[=\-—_*#~\s]*(正文|正\s+文)[=\-—_*#~\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BodyRule();
}
