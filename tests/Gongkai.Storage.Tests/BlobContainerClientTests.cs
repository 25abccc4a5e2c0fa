using System.Security.Cryptography;
using System.Text;
using Gongkai.Testing;

namespace Gongkai.Storage.Tests;

public sealed class BlobContainerClientTests
{
    private static async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = TestStorage.Account.GetBlobContainer(TestStorage.UniqueName("blobs"));
        Assert.True(await container.CreateIfNotExistsAsync());
        return container;
    }

    [Fact]
    public async Task CreateIfNotExists_reports_whether_it_created()
    {
        var container = await NewContainerAsync();
        Assert.False(await container.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Upload_then_download_round_trips_content_type_metadata_and_bytes()
    {
        var container = await NewContainerAsync();
        var bytes = Encoding.UTF8.GetBytes("<html>政府信息公开工作年度报告</html>");
        var info = await container.UploadAsync("portal/2024/report.html", new MemoryStream(bytes), new BlobUploadOptions
        {
            ContentType = "text/html; charset=utf-8",
            Metadata = new Dictionary<string, string> { ["sourceurl"] = "https://www.gov.cn/a.html", ["linktext"] = "2024年政府信息公开工作年度报告" },
        });

        await using var download = await container.DownloadAsync("portal/2024/report.html");
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("text/html; charset=utf-8", download.Properties.ContentType);
        Assert.Equal(info.ETag, download.Properties.ETag);
        Assert.Equal(bytes.Length, download.Properties.ContentLength);
        Assert.Equal("2024年政府信息公开工作年度报告", download.Properties.Metadata["linktext"]);
        Assert.Equal("https://www.gov.cn/a.html", download.Properties.Metadata["SourceUrl"]);
    }

    [Fact]
    public async Task Chinese_and_awkward_metadata_round_trip_through_properties_and_listing()
    {
        var container = await NewContainerAsync();
        var metadata = new Dictionary<string, string>
        {
            ["title"] = "国务院办公厅2023年政府信息公开工作年度报告",
            ["url"] = "https://www.gov.cn/zhengce/公开/报告.html?年=2023",
            ["lookslikeencoded"] = "b64:5Lit5paH",
            ["spaces"] = "  padded  ",
            ["multiline"] = "line one\r\nline two",
            ["plain"] = "ascii only",
            ["empty"] = string.Empty,
        };
        await container.UploadAsync("m.txt", new MemoryStream([1, 2, 3]), new BlobUploadOptions { Metadata = metadata });

        var properties = await container.GetPropertiesAsync("m.txt");
        Assert.NotNull(properties);
        var listed = Assert.Single(await container.ListAsync().ToListAsync());
        foreach (var (name, value) in metadata.Where(m => m.Value.Length > 0))
        {
            Assert.Equal(value, properties.Metadata[name]);
            Assert.Equal(value, listed.Metadata[name]);
        }
    }

    [Fact]
    public async Task GetProperties_of_a_missing_blob_is_null_and_download_throws_not_found()
    {
        var container = await NewContainerAsync();
        Assert.Null(await container.GetPropertiesAsync("missing"));
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.DownloadAsync("missing"));
        Assert.True(error.IsNotFound);
        Assert.Equal("BlobNotFound", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task CreateOnly_upload_conflicts_with_409_and_stale_IfMatch_fails_with_412()
    {
        var container = await NewContainerAsync();
        var first = await container.UploadAsync("x", new MemoryStream([1]), new BlobUploadOptions { CreateOnly = true });

        var conflict = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            container.UploadAsync("x", new MemoryStream([2]), new BlobUploadOptions { CreateOnly = true }));
        Assert.True(conflict.IsConflict);
        Assert.Equal("BlobAlreadyExists", conflict.ErrorCode);

        var second = await container.UploadAsync("x", new MemoryStream([3]), new BlobUploadOptions { IfMatch = first.ETag });
        Assert.NotEqual(first.ETag, second.ETag);

        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            container.UploadAsync("x", new MemoryStream([4]), new BlobUploadOptions { IfMatch = first.ETag }));
        Assert.True(stale.IsPreconditionFailed);
        Assert.False(stale.IsConflict);

        var properties = await container.GetPropertiesAsync("x");
        Assert.Equal(second.ETag, properties!.ETag);
    }

    [Fact]
    public async Task Delete_removes_the_blob_and_honours_IfMatch()
    {
        var container = await NewContainerAsync();
        var info = await container.UploadAsync("d", new MemoryStream([1]));
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.DeleteAsync("d", "\"0x1234\""));
        Assert.True(stale.IsPreconditionFailed);

        await container.DeleteAsync("d", info.ETag);
        Assert.Null(await container.GetPropertiesAsync("d"));
        Assert.False(await container.DeleteIfExistsAsync("d"));
        var missing = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.DeleteAsync("d"));
        Assert.True(missing.IsNotFound);
    }

    [Fact]
    public async Task List_filters_by_prefix_and_pages_with_markers()
    {
        var container = await NewContainerAsync();
        foreach (var name in new[] { "a/1", "a/2", "a/3", "b/1", "报告/一" })
        {
            await container.UploadAsync(name, new MemoryStream([1]));
        }

        var page = await container.ListPageAsync("a/", null, 2);
        Assert.Equal(["a/1", "a/2"], page.Items.Select(b => b.Name));
        Assert.NotNull(page.NextMarker);
        var rest = await container.ListPageAsync("a/", page.NextMarker, 2);
        Assert.Equal(["a/3"], rest.Items.Select(b => b.Name));
        Assert.Null(rest.NextMarker);

        Assert.Equal(["报告/一"], await container.ListAsync("报告/").Select(b => b.Name).ToListAsync());
        Assert.Equal(5, await container.ListAsync().CountAsync());
    }

    [Fact]
    public async Task Lease_is_exclusive_until_released_and_creates_a_missing_blob()
    {
        var container = await NewContainerAsync();
        var lease = await container.TryAcquireLeaseAsync("locks/portal-a", TimeSpan.FromSeconds(15));
        Assert.NotNull(lease);
        Assert.NotNull(await container.GetPropertiesAsync("locks/portal-a"));

        Assert.Null(await container.TryAcquireLeaseAsync("locks/portal-a", TimeSpan.FromSeconds(15)));
        await container.RenewLeaseAsync("locks/portal-a", lease);

        var overwrite = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.UploadAsync("locks/portal-a", new MemoryStream([1])));
        Assert.True(overwrite.IsPreconditionFailed);
        await container.UploadAsync("locks/portal-a", new MemoryStream([1]), new BlobUploadOptions { LeaseId = lease });

        await container.ReleaseLeaseAsync("locks/portal-a", lease);
        var again = await container.TryAcquireLeaseAsync("locks/portal-a", Timeout.InfiniteTimeSpan);
        Assert.NotNull(again);
        Assert.NotEqual(lease, again);
        var wrongId = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.RenewLeaseAsync("locks/portal-a", lease));
        Assert.True(wrongId.IsConflict);
    }

    [Fact]
    public async Task Lease_duration_outside_the_service_range_is_rejected_before_any_request()
    {
        var container = TestStorage.Account.GetBlobContainer("never-created");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => container.TryAcquireLeaseAsync("x", TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => container.TryAcquireLeaseAsync("x", TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task Invalid_metadata_names_are_rejected_with_a_clear_error()
    {
        var container = await NewContainerAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => container.UploadAsync("x", new MemoryStream([1]), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["source-url"] = "x" },
        }));
        Assert.Contains("source-url", error.Message);
    }

    [Fact]
    public async Task Block_upload_of_a_non_seekable_stream_round_trips()
    {
        var container = await NewContainerAsync();
        const long length = (2 * BlobContainerClient.BlockSize) + 12345;
        using var source = new GeneratedStream(length, seed: 7);
        await container.UploadAsync("big.bin", source, new BlobUploadOptions { ContentType = "application/pdf", Metadata = new Dictionary<string, string> { ["title"] = "年度报告" } });

        await using var download = await container.DownloadAsync("big.bin");
        Assert.Equal(length, download.Properties.ContentLength);
        Assert.Equal("application/pdf", download.Properties.ContentType);
        Assert.Equal("年度报告", download.Properties.Metadata["title"]);
        var actual = await SHA256.HashDataAsync(download.Content);
        Assert.Equal(GeneratedStream.Sha256(length, seed: 7), actual);
    }
}
