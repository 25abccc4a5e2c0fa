using Azure.Core;

namespace Gongkai.Storage.Tests;

public sealed class TokenAuthenticationTests
{
    [Fact]
    public async Task Token_credential_is_asked_for_the_storage_scope_for_every_service()
    {
        var credential = new RecordingCredential();
        var endpoint = new Uri("https://127.0.0.1:9/gongkaist");
        var account = StorageAccount.Create(endpoint, endpoint, endpoint, credential);

        await Assert.ThrowsAsync<TokenRequested>(() => account.GetBlobContainer("c").CreateIfNotExistsAsync());
        await Assert.ThrowsAsync<TokenRequested>(() => account.GetQueue("q").CreateIfNotExistsAsync());
        await Assert.ThrowsAsync<TokenRequested>(() => account.GetTable("t").CreateIfNotExistsAsync());

        Assert.Equal(3, credential.Scopes.Count);
        Assert.All(credential.Scopes, scopes => Assert.Equal(["https://storage.azure.com/.default"], scopes));
        Assert.Equal("gongkaist", account.AccountName);
    }

    [Fact]
    public async Task Bearer_tokens_are_never_sent_over_plain_http()
    {
        var endpoint = new Uri("http://127.0.0.1:9/gongkaist");
        var account = StorageAccount.Create(endpoint, endpoint, endpoint, new RecordingCredential());
        await Assert.ThrowsAsync<InvalidOperationException>(() => account.GetBlobContainer("c").CreateIfNotExistsAsync());
    }

    private sealed class TokenRequested : Exception;

    /// <summary>Records the scopes asked for and refuses, so no request ever leaves the process.</summary>
    private sealed class RecordingCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.Add(requestContext.Scopes);
            }

            throw new TokenRequested();
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
