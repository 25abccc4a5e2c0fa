namespace Gongkai.Storage.Tests;

public sealed class TableModelTests
{
    [Fact]
    public void Continuation_token_round_trips_and_rejects_garbage()
    {
        var continuation = new TableContinuation("1!8!Z292LWNu", "1!12!MjAyNA--");
        var token = continuation.ToToken();
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.Equal(continuation, TableContinuation.Parse(token));
        Assert.Equal(new TableContinuation("p", null), TableContinuation.Parse(new TableContinuation("p", null).ToToken()));
        Assert.Throws<FormatException>(() => TableContinuation.Parse("!!!"));
        Assert.False(TableContinuation.TryParse("bm9uZXdsaW5l", out _));
    }

    [Fact]
    public void Entity_accepts_the_table_types_and_rejects_others()
    {
        var entity = new TableEntity("p", "r")
        {
            ["When"] = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc),
            ["Small"] = (short)3,
            ["Single"] = 1.5f,
        };
        Assert.IsType<DateTimeOffset>(entity["When"]);
        Assert.Equal(3, entity["Small"]);
        Assert.Equal(1.5, entity["Single"]);
        Assert.Equal(3L, entity.GetInt64("Small"));
        Assert.Null(entity.GetString("Missing"));
        Assert.Throws<ArgumentException>(() => entity["Bad"] = new Uri("https://x"));
        Assert.Throws<InvalidOperationException>(() => entity.GetBoolean("Small"));

        entity["Small"] = null;
        Assert.False(entity.ContainsKey("Small"));
        Assert.Throws<ArgumentNullException>(() => entity["PartitionKey"] = null);
        Assert.Throws<ArgumentException>(() => entity.Remove("RowKey"));
        entity.Clear();
        Assert.Equal(["PartitionKey", "RowKey"], entity.Keys.Order());
    }

    [Fact]
    public void Transaction_failure_index_is_read_from_the_message_prefix_or_the_content_id()
    {
        const string azureStyle =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 409 Conflict\r\nContent-Type: application/json;odata=minimalmetadata\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"7:The specified entity already exists.\\nRequestId:x\"}}}\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";
        var failure = TableTransactionResponse.FindFailure(azureStyle, "multipart/mixed; boundary=batchresponse_1", "rid", 10);
        Assert.NotNull(failure);
        Assert.Equal(7, failure.FailedIndex);
        Assert.Equal(409, failure.Status);
        Assert.Equal("EntityAlreadyExists", failure.ErrorCode);
        Assert.Equal("rid", failure.Error.RequestId);

        const string contentIdStyle =
            "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\nContent-Type: application/http\r\nContent-ID: 3\r\n\r\n" +
            "HTTP/1.1 412 Precondition Failed\r\nContent-ID: 3\r\n\r\n{\"odata.error\":{\"code\":\"UpdateConditionNotSatisfied\",\"message\":{\"value\":\"no\"}}}\r\n--c--\r\n--b--\r\n";
        var second = TableTransactionResponse.FindFailure(contentIdStyle, "multipart/mixed; boundary=b", null, 5);
        Assert.Equal(3, second!.FailedIndex);
        Assert.Equal(412, second.Status);

        const string success = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n--c--\r\n--b--\r\n";
        Assert.Null(TableTransactionResponse.FindFailure(success, "multipart/mixed; boundary=b", null, 1));
    }
}
