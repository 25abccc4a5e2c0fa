using System.Buffers;
using System.Text.RegularExpressions;

namespace Gongkai.Reports.Html;

/// <summary>What a line of page chrome is.</summary>
internal enum ChromeKind
{
    None,

    /// <summary><c>您现在的位置：首页 &gt; 政务公开 &gt; …</c></summary>
    Breadcrumb,

    /// <summary><c>发布日期：…</c>, <c>来源：… 时间：…</c>, view counters: kept as metadata.</summary>
    InfoLine,

    /// <summary><c>【字号：大 中 小】</c>, print, close, share, QR-code captions.</summary>
    Widget,

    /// <summary><c>版权所有</c>, ICP numbers, site identifiers, contact links.</summary>
    Footer,

    /// <summary>Aggregator and CMS wrappers: related entries, previous/next article, infobox headings.</summary>
    Wrapper,

    /// <summary>Nothing a reader reads: punctuation only.</summary>
    Noise,
}

/// <summary>
/// Recognises chrome by what its text says — the genre's own vocabulary, which every CMS shares — rather than by
/// one site's markup. Works on the match text of a line (Simplified script, ASCII punctuation). Only short lines
/// qualify: a paragraph that mentions 访问量 is still a paragraph.
/// </summary>
internal static partial class ChromeLine
{
    public const int MaxChromeLength = 160;

    // Every alternative of the patterns below contains one of these words, so a line without any of them is not
    // chrome and skips the five patterns (most lines of a report). Keep them in step when a pattern changes.
    private static readonly SearchValues<string> Triggers = SearchValues.Create(
        [
            "位置", "当前页面", "首页", "正文", ">", "»", "›",
            "字号", "字体", "文字", "【", "[", "打印", "关闭", "纠错", "扫码", "扫一扫", "二维码", "分享", "微信扫", "手机", "关注", "收藏", "返回",
            "日期", "时间", "发布机构", "来源", "浏览", "阅读", "访问", "点击", "作者",
            "版权", "版板所有", "copyright", "©", "ICP", "公网安备", "网站标识码", "主办单位", "承办单位", "技术支持", "维护单位", "建议使用",
            "分辨率", "网站地图", "联系我们", "联络我们", "关于我们", "网站声明", "隐私声明", "使用帮助",
            "相关词条", "热门词条", "相关文章", "相关阅读", "相关链接", "相关新闻", "相关信息", "推荐阅读", "热门文章", "热点推荐", "猜你喜欢",
            "上一篇", "下一篇", "上一条", "下一条", "编辑", "基本介绍", "www.",
        ],
        StringComparison.OrdinalIgnoreCase);

    public static ChromeKind Classify(string matchLine)
    {
        if (matchLine.Length > MaxChromeLength * 2)
        {
            return ChromeKind.None;
        }

        if (!HasWordCharacter(matchLine))
        {
            return ChromeKind.Noise;
        }

        if (matchLine.AsSpan().IndexOfAny(Triggers) < 0)
        {
            return ChromeKind.None;
        }

        if (Footer().IsMatch(matchLine))
        {
            return ChromeKind.Footer;
        }

        if (matchLine.Length > MaxChromeLength)
        {
            return ChromeKind.None;
        }

        if (Breadcrumb().IsMatch(matchLine))
        {
            return ChromeKind.Breadcrumb;
        }

        if (Widget().IsMatch(matchLine))
        {
            return ChromeKind.Widget;
        }

        if (matchLine.Length <= 100 && InfoLine().IsMatch(matchLine))
        {
            return ChromeKind.InfoLine;
        }

        return Wrapper().IsMatch(matchLine) ? ChromeKind.Wrapper : ChromeKind.None;
    }

    /// <summary>An infobox entry of an aggregator page (<c>• 中文名…</c>) following a 基本介绍 heading.</summary>
    public static bool IsBullet(string line) => line.Length > 0 && line[0] is '•' or '·' or '●' or '◆' or '■' or '▪';

    /// <summary>The heading that opens an aggregator's infobox.</summary>
    public static bool OpensInfobox(string matchLine) => matchLine is "基本介绍" or "基本信息" or "基本资料" or "词条信息";

    private static bool HasWordCharacter(string line)
    {
        foreach (var c in line)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    // The last alternative: a short path of three or more parts (比分直播 > 信息公开 > 政府信息公开年报), whatever the site calls itself.
    [GeneratedRegex(@"^[\s【\[]*(您现在的位置|您当前的位置|您的位置|您所在的位置|您现在所在的位置|当前位置|现在位置|所在位置|当前页面|位置)\s*[:>]|首页\s*(>|»|›|→|/|>>)|(>|»)\s*正文\s*$|^\s*[^>»›。,]{1,24}(?:\s*(?:>|»|›)\s*[^>»›。,]{1,30}){2,}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Breadcrumb();

    [GeneratedRegex(@"(字号|字体|文字)[^大]{0,8}大\s*[|/]?\s*中\s*[|/]?\s*小|[【\[]\s*大\s*[】\]]\s*[【\[]\s*中|打印本页|打印此页|关闭窗口|关闭本页|[【\[]\s*(打印|关闭|收藏|纠错)\s*[】\]]|我要纠错|扫码|扫一扫|二维码|分享到|分享至|微信扫|手机扫|手机阅读|^\s*关注\s*[·•:]|^\s*(打印|关闭|收藏|返回顶部|返回|分享)(\s+(打印|关闭|收藏|返回顶部|返回|分享))*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Widget();

    [GeneratedRegex(@"(发布日期|发布时间|发文日期|成文日期|发布机构|信息来源|文章来源|^\s*来源\s*:|\s来源\s*:|(?:浏览|阅读|访问|点击)(?:次数|数|量|率)?\s*[:]\s*[\d{]|作者\s*:|日期\s*:\s*\d{4}|时间\s*:\s*\d{4})", RegexOptions.CultureInvariant)]
    private static partial Regex InfoLine();

    [GeneratedRegex(@"版权所有|版板所有|版权信息|版权声明|(?i:copyright)|©|ICP\s*备|ICP\s*证|公网安备|网站标识码|主办单位\s*:|承办单位\s*:|技术支持\s*:|维护单位\s*:|建议使用.{0,24}浏览器|分辨率.{0,10}\d+\s*[*x×]\s*\d+|^\s*(网站地图|联系我们|联络我们|关于我们|网站声明|隐私声明|使用帮助)(\s*[|·]?\s*(网站地图|联系我们|联络我们|关于我们|网站声明|隐私声明|使用帮助))*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Footer();

    [GeneratedRegex(@"^\s*(相关词条|热门词条|相关文章|相关阅读|相关链接|相关新闻|相关信息|推荐阅读|热门文章|热点推荐|猜你喜欢|上一篇|下一篇|上一条|下一条|责任编辑|编辑\s*:|基本介绍\s*$)|\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}.{0,40}www\.", RegexOptions.CultureInvariant)]
    private static partial Regex Wrapper();
}
