using Gongkai.Harvest.Stores;

namespace Gongkai.Harvest.Tests.Stores;

public sealed class BlobMetadataEncodingTests
{
    [Theory]
    [InlineData("https://www.gov.cn/a.html")]
    [InlineData("")]
    [InlineData("2024-01-01")]
    public void Printable_ascii_is_stored_as_it_is(string value)
    {
        Assert.Equal(value, BlobMetadataEncoding.Encode(value));
        Assert.Equal(value, BlobMetadataEncoding.Decode(value));
    }

    [Theory]
    [InlineData("年度报告", "b64:5bm05bqm5oql5ZGK")]
    [InlineData("b64:abc", "b64:YjY0OmFiYw==")]
    [InlineData(" lead", "b64:IGxlYWQ=")]
    [InlineData("a\nb", "b64:YQpi")]
    public void Other_values_are_prefixed_base64_of_UTF8(string value, string stored)
    {
        Assert.Equal(stored, BlobMetadataEncoding.Encode(value));
        Assert.Equal(value, BlobMetadataEncoding.Decode(stored));
    }

    [Fact]
    public void A_stored_value_with_the_prefix_but_invalid_base64_is_returned_unchanged()
    {
        Assert.Equal("b64:not base64!", BlobMetadataEncoding.Decode("b64:not base64!"));
    }

    [Theory]
    [InlineData("source-url")]
    [InlineData("1st")]
    [InlineData("名称")]
    [InlineData("")]
    public void Names_must_be_identifiers(string name)
    {
        Assert.Throws<ArgumentException>(() => BlobMetadataEncoding.ValidateName(name));
    }
}
