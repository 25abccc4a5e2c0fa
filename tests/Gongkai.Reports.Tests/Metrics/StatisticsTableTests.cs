namespace Gongkai.Reports.Tests.Metrics;

public sealed class StatisticsTableTests
{
    private static ReportDocument Build() => new DocumentBuilder { Year = 2015 }
        .Section("overview", "一、概述")
        .Line("2015年，本局主动公开政府信息1,530条。")
        .Section("other", "八、附表")
        .Line("2015年度政府信息公开情况统计表")
        .Table(
            ["统计指标", "单位", "统计数"],
            ["一、主动公开情况", "——", "——"],
            ["（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "1530"],
            ["其中：主动公开规范性文件数", "条", "12"],
            ["制发规范性文件总数", "件", "15"],
            ["（二）通过不同渠道和方式公开政府信息的情况", "——", "——"],
            ["1.政府公报公开政府信息数", "条", "40"],
            ["2.政府网站公开政府信息数", "条", "1490"],
            ["二、回应解读情况", "——", "——"],
            ["（四）政府网站在线访谈次数", "次", "2"],
            ["三、依申请公开情况", "——", "——"],
            ["（一）收到申请数", "件", "37"],
            ["1.当面申请数", "件", "10"],
            ["2.传真申请数", "件", "0"],
            ["3.网络申请数", "件", "25"],
            ["4.信函申请数", "件", "2"],
            ["（二）申请办结数", "件", "36"],
            ["1.按时办结数", "件", "36"],
            ["2.延期办结数", "件", "0"],
            ["（三）申请答复数", "件", "36"],
            ["1.属于已主动公开范围数", "件", "6"],
            ["2.同意公开答复数", "件", "18"],
            ["3.同意部分公开答复数", "件", "3"],
            ["4.不同意公开答复数", "件", "4"],
            ["其中：涉及国家秘密", "件", "0"],
            ["涉及商业秘密", "件", "1"],
            ["涉及个人隐私", "件", "2"],
            ["危及国家安全、公共安全、经济安全和社会稳定", "件", "0"],
            ["不是《条例》所指政府信息", "件", "1"],
            ["法律法规规定的其他情形", "件", "0"],
            ["5.不属于本行政机关公开数", "件", "3"],
            ["6.申请信息不存在数", "件", "2"],
            ["7.告知作出更改补充数", "件", "0"],
            ["8.告知通过其他途径办理数", "件", "0"],
            ["四、行政复议数量", "件", "2"],
            ["（一）维持具体行政行为数", "件", "1"],
            ["（二）被依法纠错数", "件", "0"],
            ["（三）其他情形数", "件", "1"],
            ["五、行政诉讼数量", "件", "1"],
            ["（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "1"],
            ["（二）被依法纠错数", "件", "0"],
            ["（三）其他情形数", "件", "0"],
            ["六、举报投诉数量", "件", "0"],
            ["七、依申请公开信息收取的费用", "万元", "0.05"],
            ["八、机构建设和保障经费情况", "——", "——"],
            ["（四）政府信息公开专项经费", "万元", "8"])
        .Build();

    [Fact]
    public void Reads_the_pre2019_statistics_table()
    {
        var result = MetricExtractor.Extract(Build());

        Assert.Equal("pre2019", result.Format);
        var expected = new Dictionary<string, decimal>
        {
            ["proactive.total_items"] = 1530,
            ["proactive.normative_docs.published"] = 12,
            ["proactive.normative_docs.issued"] = 15,
            ["proactive.channel.gazette"] = 40,
            ["proactive.channel.website"] = 1490,
            ["requests.new_received"] = 37,
            ["requests.by_channel.in_person"] = 10,
            ["requests.by_channel.fax"] = 0,
            ["requests.by_channel.online"] = 25,
            ["requests.by_channel.mail"] = 2,
            ["requests.completed"] = 36,
            ["requests.completed.on_time"] = 36,
            ["requests.completed.extended"] = 0,
            ["requests.processed_total"] = 36,
            ["requests.already_public"] = 6,
            ["requests.granted"] = 18,
            ["requests.partially_granted"] = 3,
            ["requests.denied_total"] = 4,
            ["requests.denied.state_secret"] = 0,
            ["requests.denied.commercial_secret"] = 1,
            ["requests.denied.personal_privacy"] = 2,
            ["requests.denied.security_stability"] = 0,
            ["requests.denied.not_government_info"] = 1,
            ["requests.denied.prohibited_by_law"] = 0,
            ["requests.not_this_agency"] = 3,
            ["requests.not_exist"] = 2,
            ["requests.asked_to_amend"] = 0,
            ["requests.referred_elsewhere"] = 0,
            ["reconsideration.total"] = 2,
            ["reconsideration.upheld"] = 1,
            ["reconsideration.corrected"] = 0,
            ["reconsideration.other"] = 1,
            ["litigation.total"] = 1,
            ["litigation.upheld"] = 1,
            ["litigation.corrected"] = 0,
            ["litigation.other"] = 0,
            ["complaints.total"] = 0,
            ["fees.amount_yuan"] = 500,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), result.Metrics.ToDictionary(p => p.Key, p => p.Value.Value).OrderBy(p => p.Key));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Converts_fees_in_wan_yuan_and_keeps_the_unit_in_provenance()
    {
        var fee = MetricExtractor.Extract(Build()).Metrics["fees.amount_yuan"].Provenance;

        Assert.Equal("table", fee.Kind);
        Assert.Equal(10000m, fee.Multiplier);
        Assert.Equal("万元", fee.Unit);
        Assert.Equal("0.05", fee.Text);
        Assert.Equal("七、依申请公开信息收取的费用", fee.RowLabel);
    }
}
