using System.Text;
using System.Text.Json;
using Gongkai.Functions.Functions;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Hosting.Triggers;

namespace Gongkai.Functions.Tests;

/// <summary>The handler reads the host's payloads in the shapes Azure documents (fixtures under Fixtures/).</summary>
public sealed class InvocationPayloadTests
{
    [Fact]
    public void Timer_payload_as_an_object()
    {
        var request = Load("timer-invocation.json");
        var timer = TimerTriggerInput.FromInvocation(request, FunctionNames.TimerBinding);
        Assert.False(timer.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero), timer.Next);
        Assert.Equal("ScheduleHarvest", request.Sys.MethodName);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", request.Sys.RandGuid);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 0, 0, 12, TimeSpan.Zero).AddTicks(3456), request.Sys.UtcNow);
    }

    [Fact]
    public void Timer_payload_as_a_json_string()
    {
        var timer = TimerTriggerInput.FromInvocation(Load("timer-invocation-string.json"), FunctionNames.TimerBinding);
        Assert.True(timer.IsPastDue);
        Assert.Null(timer.Last);
    }

    [Fact]
    public void Queue_payload_with_text_and_metadata()
    {
        var message = QueueTriggerInput.FromInvocation(Load("queue-invocation.json"), FunctionNames.QueueBinding);
        Assert.Equal(1, message.DequeueCount);
        Assert.Equal("800ae4b3-bdd2-4c08-badd-f08e5a34b865", message.Id);
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnDIR+1QE=", message.PopReceipt);
        var request = HarvestRequest.Parse(message.Text);
        Assert.Equal("sample-qingshi", request.PortalId);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", request.ScheduleRun);
    }

    [Fact]
    public void Queue_payload_already_parsed_as_an_object_with_a_string_count()
    {
        var message = QueueTriggerInput.FromInvocation(Load("queue-invocation-object.json"), FunctionNames.QueueBinding);
        Assert.Equal(3, message.DequeueCount);
        Assert.Equal("sample-qingshi", HarvestRequest.Parse(message.Text).PortalId);
    }

    [Theory]
    [InlineData("sample-qingshi", "sample-qingshi")]
    [InlineData("  {\"portalId\":\"p1\"} ", "p1")]
    public void Harvest_requests_accept_json_or_a_bare_id(string text, string portal) => Assert.Equal(portal, HarvestRequest.Parse(text).PortalId);

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("{\"portal\":\"p1\"}")]
    [InlineData("{not json")]
    public void Malformed_harvest_requests_are_rejected(string text) => Assert.Throws<FormatException>(() => HarvestRequest.Parse(text));

    [Fact]
    public void Blob_payload_base64_content_is_used_when_it_matches_the_length()
    {
        var blob = BlobTriggerInput.FromInvocation(Load("blob-invocation.json"), FunctionNames.BlobBinding, "raw-reports");
        Assert.Equal("sample-qingshi/2023/PLACEHOLDER.html", blob.Name);
        Assert.Equal(143, blob.ContentLength);
        Assert.Contains("东江市青石区人民政府", Encoding.UTF8.GetString(blob.Content!.Value.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_payload_string_content_is_used_only_when_it_round_trips()
    {
        var text = "<p>青石区 2023</p>";
        var exact = Payload(new { report = text }, Encoding.UTF8.GetByteCount(text));
        Assert.Equal(text, Encoding.UTF8.GetString(BlobTriggerInput.FromInvocation(exact, "report", "raw-reports").Content!.Value.Span));

        // GB18030 bytes decoded by the host as UTF-8: replacement characters, a different length. Read by name instead.
        var lossy = Payload(new { report = "<p>\uFFFD\uFFFD</p>" }, 11);
        Assert.Null(BlobTriggerInput.FromInvocation(lossy, "report", "raw-reports").Content);
    }

    [Fact]
    public void Blob_payload_without_content_or_name_falls_back_to_trigger_path_and_uri()
    {
        var byPath = InvocationRequest.Parse(JsonDocument.Parse("""{"Data":{},"Metadata":{"BlobTrigger":"raw-reports/a/2021/x.html"}}""").RootElement);
        Assert.Equal("a/2021/x.html", BlobTriggerInput.FromInvocation(byPath, "report", "raw-reports").Name);
        var byUri = InvocationRequest.Parse(JsonDocument.Parse("""{"Data":{"report":null},"Metadata":{"Uri":"http://127.0.0.1:10000/devstoreaccount1/raw-reports/a/2021/%E9%9D%92.html"}}""").RootElement);
        var blob = BlobTriggerInput.FromInvocation(byUri, "report", "raw-reports");
        Assert.Equal("a/2021/青.html", blob.Name);
        Assert.Null(blob.Content);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"Data":[],"Metadata":{}}""")]
    [InlineData("""{"Data":{},"Metadata":"x"}""")]
    public void Payloads_of_the_wrong_shape_are_rejected(string json) =>
        Assert.Throws<InvalidInvocationException>(() => InvocationRequest.Parse(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void Each_function_json_declares_the_binding_the_handler_reads()
    {
        var root = Gongkai.Testing.RepositoryRoot.Find();
        JsonElement Binding(string function) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src", "Gongkai.Functions", "FunctionApp", function, "function.json"))).RootElement.GetProperty("bindings")[0];
        Assert.Equal(("timerTrigger", FunctionNames.TimerBinding, "%HarvestSchedule%"), (Binding("ScheduleHarvest").GetProperty("type").GetString(), Binding("ScheduleHarvest").GetProperty("name").GetString(), Binding("ScheduleHarvest").GetProperty("schedule").GetString()));
        Assert.Equal(("queueTrigger", FunctionNames.QueueBinding, "harvest-requests"), (Binding("HarvestPortal").GetProperty("type").GetString(), Binding("HarvestPortal").GetProperty("name").GetString(), Binding("HarvestPortal").GetProperty("queueName").GetString()));
        Assert.Equal(("blobTrigger", FunctionNames.BlobBinding, "raw-reports/{name}", "EventGrid"), (Binding("ParseReport").GetProperty("type").GetString(), Binding("ParseReport").GetProperty("name").GetString(), Binding("ParseReport").GetProperty("path").GetString(), Binding("ParseReport").GetProperty("source").GetString()));
        Assert.Equal(("httpTrigger", "function"), (Binding("QueryApi").GetProperty("type").GetString(), Binding("QueryApi").GetProperty("authLevel").GetString()));
        foreach (var function in new[] { "ScheduleHarvest", "HarvestPortal", "ParseReport", "QueryApi" })
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, function, "function.json")), $"{function}/function.json is not in the build output");
        }
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "host.json")));
    }

    public static InvocationRequest Load(string fixture) =>
        InvocationRequest.Parse(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture))).RootElement);

    private static InvocationRequest Payload(object data, long length) => InvocationRequest.Parse(JsonSerializer.SerializeToElement(new
    {
        Data = data,
        Metadata = new { name = "p/2021/x.html", Properties = new { ContentLength = length } },
    }));
}
