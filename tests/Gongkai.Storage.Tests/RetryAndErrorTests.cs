namespace Gongkai.Storage.Tests;

public sealed class RetryAndErrorTests
{
    private static StorageAccount AccountFor(ScriptedHttpServer server)
    {
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxRetries = 3;
        return StorageAccount.FromConnectionString(server.ConnectionString, options);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(ScriptedHttpServer.Reset)]
    public async Task Transient_failure_is_retried_and_the_retry_is_signed_afresh(int firstReply)
    {
        await using var server = new ScriptedHttpServer(firstReply, 201);
        var container = AccountFor(server).GetBlobContainer("retried");

        Assert.True(await container.CreateIfNotExistsAsync());

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, request =>
        {
            Assert.StartsWith("PUT /devstoreaccount1/retried?restype=container HTTP/1.1", request, StringComparison.Ordinal);
            Assert.Contains("Authorization: SharedKey devstoreaccount1:", request, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("x-ms-version: 2025-01-05", request, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Persistent_server_errors_surface_after_the_configured_retries()
    {
        await using var server = new ScriptedHttpServer(503, 503, 503, 503, 503);
        var container = AccountFor(server).GetBlobContainer("down");

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.CreateIfNotExistsAsync());

        Assert.Equal(503, error.Status);
        Assert.Equal("Scripted503", error.ErrorCode);
        Assert.Equal(4, server.Requests.Count);
        Assert.Contains("scripted failure", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, true, false, false)]
    [InlineData(409, false, true, false)]
    [InlineData(412, false, false, true)]
    [InlineData(400, false, false, false)]
    public async Task Client_errors_are_not_retried_and_map_to_the_exception_flags(int status, bool notFound, bool conflict, bool preconditionFailed)
    {
        await using var server = new ScriptedHttpServer(status);
        var container = AccountFor(server).GetBlobContainer("c");

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.UploadAsync("b", new MemoryStream([1])));

        Assert.Single(server.Requests);
        Assert.Equal(status, error.Status);
        Assert.Equal($"Scripted{status}", error.ErrorCode);
        Assert.Equal("req-1", error.RequestId);
        Assert.Equal(notFound, error.IsNotFound);
        Assert.Equal(conflict, error.IsConflict);
        Assert.Equal(preconditionFailed, error.IsPreconditionFailed);
    }

    [Fact]
    public async Task Unreachable_endpoint_fails_with_status_zero_after_retries()
    {
        int port;
        await using (var server = new ScriptedHttpServer())
        {
            port = server.Port;
        }

        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxRetries = 1;
        var unreachable = StorageAccount.FromConnectionString(
            $"AccountName=devstoreaccount1;AccountKey={StorageConnectionString.DevelopmentAccountKey};DefaultEndpointsProtocol=http;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
            options);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => unreachable.GetQueue("q").CreateIfNotExistsAsync());
        Assert.Equal(0, error.Status);
        Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
        Assert.IsType<AggregateException>(error.InnerException);
    }
}
