namespace Gongkai.Storage.Tests;

/// <summary>
/// The canonical strings below are written by hand from "Authorize with Shared Key" (Azure Storage REST docs);
/// the signatures were computed independently (Python's hmac over the same strings with Azurite's published key).
/// </summary>
public sealed class SharedKeySigningTests
{
    private const string Date = "Sat, 21 Nov 2026 22:00:00 GMT";
    private static readonly StorageSharedKeyCredential Credential = new(StorageConnectionString.DevelopmentAccountName, StorageConnectionString.DevelopmentAccountKey);

    [Fact]
    public void Blob_put_block_signs_standard_headers_sorted_x_ms_headers_and_every_query_parameter()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-version"] = "2025-01-05",
            ["x-ms-date"] = Date,
            ["Content-Type"] = "text/plain; charset=utf-8",
            ["If-None-Match"] = "*",
            ["X-MS-Meta-Title"] = " b64:5bm05bqm5oql5ZGK ",
            ["x-ms-blob-type"] = "BlockBlob",
            ["User-Agent"] = "not signed",
        };
        var uri = new Uri("http://127.0.0.1:10000/devstoreaccount1/raw-reports/gov%20cn/2024.html?comp=block&blockid=MDAwMDAwMDA%3D");

        var stringToSign = SharedKeyStringToSign.ForBlobOrQueue("PUT", uri, headers, 11, Credential.AccountName);

        Assert.Equal(
            "PUT\n" + "\n" + "\n" + "11\n" + "\n" + "text/plain; charset=utf-8\n" + "\n" + "\n" + "\n" + "*\n" + "\n" + "\n" +
            "x-ms-blob-type:BlockBlob\n" +
            "x-ms-date:Sat, 21 Nov 2026 22:00:00 GMT\n" +
            "x-ms-meta-title:b64:5bm05bqm5oql5ZGK\n" +
            "x-ms-version:2025-01-05\n" +
            "/devstoreaccount1/devstoreaccount1/raw-reports/gov%20cn/2024.html\n" +
            "blockid:MDAwMDAwMDA=\n" +
            "comp:block",
            stringToSign);
        Assert.Equal("feNHt3JyTXM3LyI2XNEtP0jE7+NEM842m3NsL7uXNMY=", Credential.ComputeSignature(stringToSign));
    }

    [Fact]
    public void Queue_get_with_no_body_signs_an_empty_content_length()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-date"] = Date,
            ["x-ms-version"] = "2025-01-05",
        };
        var uri = new Uri("http://127.0.0.1:10001/devstoreaccount1/harvest-requests/messages?visibilitytimeout=30&numofmessages=32");

        var stringToSign = SharedKeyStringToSign.ForBlobOrQueue("GET", uri, headers, null, Credential.AccountName);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:Sat, 21 Nov 2026 22:00:00 GMT\n" +
            "x-ms-version:2025-01-05\n" +
            "/devstoreaccount1/devstoreaccount1/harvest-requests/messages\n" +
            "numofmessages:32\n" +
            "visibilitytimeout:30",
            stringToSign);
        Assert.Equal("42nvEvDa0Qo7RKcjrB1mI3TxhXKyoTd9mSsinUY2x+I=", Credential.ComputeSignature(stringToSign));
    }

    [Fact]
    public void Table_signs_verb_md5_content_type_x_ms_date_and_the_encoded_path_without_query()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-date"] = Date,
            ["x-ms-version"] = "2025-01-05",
            ["Content-Type"] = "application/json",
            ["Accept"] = "application/json;odata=minimalmetadata",
            ["If-Match"] = "*",
        };
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/CrawlState" + TableClient.EntityPath("gov-cn", "it's") + "?$select=Url");

        var stringToSign = SharedKeyStringToSign.ForTable("MERGE", uri, headers, Credential.AccountName);

        Assert.Equal(
            "MERGE\n" + "\n" + "application/json\n" + "Sat, 21 Nov 2026 22:00:00 GMT\n" +
            "/devstoreaccount1/devstoreaccount1/CrawlState(PartitionKey='gov-cn',RowKey='it%27%27s')",
            stringToSign);
        Assert.Equal("lBQPiqYg8XBvTk5kx9giy/KdcA9zFabWGrSIt8qPIIk=", Credential.ComputeSignature(stringToSign));
    }

    [Fact]
    public void Table_keeps_only_the_comp_parameter_and_falls_back_to_the_Date_header()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Date"] = Date };
        var uri = new Uri("https://myaccount.table.core.windows.net/mytable?comp=acl&timeout=30");

        var stringToSign = SharedKeyStringToSign.ForTable("GET", uri, headers, "myaccount");

        Assert.Equal("GET\n\n\nSat, 21 Nov 2026 22:00:00 GMT\n/myaccount/mytable?comp=acl", stringToSign);
        Assert.Equal("F3W+XDpVjuEb0sWAlvZ2oaYUnX1dhfUy+RhJgvxC/mg=", Credential.ComputeSignature(stringToSign));
    }

    [Fact]
    public void Repeated_query_parameters_are_sorted_and_joined_with_commas()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var uri = new Uri("https://acct.blob.core.windows.net/c?restype=container&comp=list&include=snapshots&include=metadata");

        var stringToSign = SharedKeyStringToSign.ForBlobOrQueue("GET", uri, headers, 0, "acct");

        Assert.EndsWith("/acct/c\ncomp:list\ninclude:metadata,snapshots\nrestype:container", stringToSign, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_account_key_is_rejected_without_echoing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new StorageSharedKeyCredential("acct", "not base64!"));
        Assert.DoesNotContain("not base64!", error.Message);
    }
}
