using System.Text;
using Gongkai.Reports.Decoding;
using Gongkai.Reports.Tests.Text;

namespace Gongkai.Reports.Tests.Decoding;

public sealed class ReportDecoderTests
{
    private const string Page = "<html><head>{0}</head><body><p>二、主动公开政府信息情况</p><p>2019年，我区主动公开政府信息1208条，其中规范性文件12件。</p></body></html>";

    private static string Html(string head = "") => string.Format(System.Globalization.CultureInfo.InvariantCulture, Page, head);

    [Fact]
    public void Byte_order_mark_wins_over_any_declaration()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Html("<meta charset=\"gb2312\">"))).ToArray();
        var decoded = ReportDecoder.Decode(bytes, "text/html; charset=gbk");
        Assert.Equal(new DecodingInfo("utf-8", "bom"), decoded.Decoding);
        Assert.StartsWith("<html>", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_charset_is_used_when_the_bytes_fit_it()
    {
        var decoded = ReportDecoder.Decode(TextFixtures.Encode(Html(), "gbk"), "text/html; charset=GBK");
        Assert.Equal(new DecodingInfo("gb18030", "http", "gbk"), decoded.Decoding);
        Assert.Contains("主动公开政府信息1208条", decoded.Text, StringComparison.Ordinal);
        Assert.True(decoded.IsHtml);
    }

    [Theory]
    [InlineData("<meta charset=\"gb2312\">", "gb2312")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">", "gb2312")]
    public void Meta_charset_of_the_gb_family_reads_as_gb18030(string meta, string declared)
    {
        // 镕 and 䶮 are not in GB2312: pages labelled GB2312 routinely carry GBK and GB18030 characters.
        var html = Html(meta).Replace("我区", "朱镕基龚䶮我区", StringComparison.Ordinal);
        var decoded = ReportDecoder.Decode(TextFixtures.Encode(html, "gb18030"));
        Assert.Equal(new DecodingInfo("gb18030", "meta", declared), decoded.Decoding);
        Assert.Contains("朱镕基龚䶮我区", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_bytes_under_a_gb2312_label_are_read_as_utf8()
    {
        var decoded = ReportDecoder.Decode(Encoding.UTF8.GetBytes(Html("<meta charset=\"gb2312\">")));
        Assert.Equal(new DecodingInfo("utf-8", "detected", "gb2312"), decoded.Decoding);
        Assert.Contains("主动公开政府信息1208条", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gbk_bytes_under_a_utf8_label_are_detected()
    {
        var decoded = ReportDecoder.Decode(TextFixtures.Encode(Html("<meta charset=\"utf-8\">"), "gbk"));
        Assert.Equal(new DecodingInfo("gb18030", "detected", "utf-8"), decoded.Decoding);
        Assert.Contains("主动公开政府信息1208条", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Big5_bytes_under_a_gb2312_label_are_detected_by_their_characters()
    {
        var html = Html("<meta charset=\"gb2312\">").Replace("主动公开政府信息情况", "主動公開政府信息情況", StringComparison.Ordinal)
            .Replace("我区主动公开政府信息1208条，其中规范性文件12件", "我區主動公開政府信息1208條，其中規範性文件12件", StringComparison.Ordinal);
        var decoded = ReportDecoder.Decode(TextFixtures.Encode(html, "big5"));
        Assert.Equal(new DecodingInfo("big5", "detected", "gb2312"), decoded.Decoding);
        Assert.Contains("我區主動公開政府信息1208條", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_gbk_is_detected()
    {
        var decoded = ReportDecoder.Decode(TextFixtures.Encode(Html(), "gbk"));
        Assert.Equal(new DecodingInfo("gb18030", "detected"), decoded.Decoding);
    }

    [Theory]
    [InlineData("report.txt", null, false)]
    [InlineData(null, "text/plain; charset=utf-8", false)]
    [InlineData("report.html", null, true)]
    public void Plain_text_is_told_from_markup(string? fileName, string? contentType, bool isHtml)
    {
        var decoded = ReportDecoder.Decode(Encoding.UTF8.GetBytes(Html()), contentType, fileName);
        Assert.Equal(isHtml, decoded.IsHtml);
    }

    [Fact]
    public void Text_without_markup_is_plain_text()
    {
        var decoded = ReportDecoder.Decode(Encoding.UTF8.GetBytes("一、总体情况\n2019年，我区…"));
        Assert.False(decoded.IsHtml);
    }
}
