using System.Security.Cryptography;
using Gongkai.Testing;

namespace Gongkai.Storage.Tests;

[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

/// <summary>Volume tests: listing past the 5,000-blob page and streaming a 20 MB body.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class LargeBlobTests
{
    [Fact]
    public async Task Listing_follows_markers_past_5000_blobs()
    {
        var container = TestStorage.Account.GetBlobContainer(TestStorage.UniqueName("many"));
        await container.CreateIfNotExistsAsync();
        const int count = 5100;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) => await container.UploadAsync($"r/{i:D5}.html", new MemoryStream([(byte)i]), cancellationToken: ct));

        var first = await container.ListPageAsync("r/", null, null);
        Assert.Equal(5000, first.Items.Count);
        Assert.NotNull(first.NextMarker);

        var names = await container.ListAsync("r/").Select(b => b.Name).ToListAsync();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"r/{i:D5}.html"), names);
    }

    [Fact]
    public async Task A_20_MB_blob_is_streamed_up_and_down_without_buffering_the_body()
    {
        var container = TestStorage.Account.GetBlobContainer(TestStorage.UniqueName("big"));
        await container.CreateIfNotExistsAsync();
        const long length = 20L * 1024 * 1024;
        var expected = GeneratedStream.Sha256(length, seed: 20);

        // Warm up the pipeline, the connection pool and the block buffer's pool bucket so they are not counted.
        await container.UploadAsync("warm", new GeneratedStream((2 * BlobContainerClient.BlockSize) + 1, seed: 1));
        await using (var warm = await container.DownloadAsync("warm"))
        {
            await SHA256.HashDataAsync(warm.Content);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await using (var source = new GeneratedStream(length, seed: 20))
        {
            await container.UploadAsync("twenty.bin", source);
        }

        var afterUpload = GC.GetTotalAllocatedBytes(precise: true);
        byte[] actual;
        await using (var download = await container.DownloadAsync("twenty.bin"))
        {
            Assert.Equal(length, download.Properties.ContentLength);
            actual = await SHA256.HashDataAsync(download.Content);
        }

        var afterDownload = GC.GetTotalAllocatedBytes(precise: true);
        Assert.Equal(expected, actual);

        // A buffered body would allocate at least the 20 MB itself (a growing MemoryStream about twice that).
        // Streaming holds at most one 4 MiB block: it is pooled, but the pool may hand out a fresh array when the
        // continuation runs on another core, so the bound leaves room for one block plus request bookkeeping.
        var uploadAllocated = afterUpload - before;
        var downloadAllocated = afterDownload - afterUpload;
        Assert.True(uploadAllocated < 8 * 1024 * 1024, $"The upload allocated {uploadAllocated:N0} bytes.");
        Assert.True(downloadAllocated < 8 * 1024 * 1024, $"The download allocated {downloadAllocated:N0} bytes.");
    }
}
