using Gongkai.Testing;

namespace Gongkai.Storage.Tests;

public sealed class QueueClientTests
{
    private static async Task<QueueClient> NewQueueAsync()
    {
        var queue = TestStorage.Account.GetQueue(TestStorage.UniqueName("queue"));
        Assert.True(await queue.CreateIfNotExistsAsync());
        return queue;
    }

    [Fact]
    public async Task CreateIfNotExists_reports_whether_it_created()
    {
        var queue = await NewQueueAsync();
        Assert.False(await queue.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Sent_message_is_received_with_its_text_and_deleted_by_pop_receipt()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendMessageAsync("{\"portal\":\"gov-cn\",\"名称\":\"国务院\"}");
        Assert.False(string.IsNullOrEmpty(sent.MessageId));
        Assert.True(sent.ExpiresOn > sent.InsertedOn);

        var message = Assert.Single(await queue.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(30)));
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("{\"portal\":\"gov-cn\",\"名称\":\"国务院\"}", message.Text);
        Assert.Equal(1, message.DequeueCount);
        Assert.Empty(await queue.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(30)));

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
        var gone = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));
        Assert.True(gone.IsNotFound);
    }

    [Fact]
    public async Task Message_becomes_visible_again_after_its_timeout_with_a_higher_dequeue_count()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("retry me");
        var first = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, first.DequeueCount);
        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));

        var second = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(10));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);

        // The first receipt is stale now: only the current holder can delete.
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt);
    }

    [Fact]
    public async Task Visibility_delay_hides_a_new_message_until_it_passes()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendMessageAsync("later", visibilityDelay: TimeSpan.FromSeconds(2), timeToLive: TimeSpan.FromMinutes(5));
        Assert.True(sent.NextVisibleOn > sent.InsertedOn);
        Assert.True(sent.ExpiresOn <= sent.InsertedOn + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        var message = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(10));
        Assert.Equal("later", message.Text);
    }

    [Fact]
    public async Task UpdateVisibility_extends_the_hold_and_returns_a_new_pop_receipt()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("long job");
        var message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        var receipt = await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(60));
        Assert.NotEqual(message.PopReceipt, receipt);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));

        // Zero makes it visible at once (how a handler gives a message back).
        receipt = await queue.UpdateVisibilityAsync(message.MessageId, receipt, TimeSpan.Zero);
        var again = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(5));
        Assert.Equal(message.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Receive_validates_its_arguments()
    {
        var queue = TestStorage.Account.GetQueue("never-created");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(0, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('x', 60_000)));
    }

    private static async Task<QueueMessage> ReceiveWithinAsync(QueueClient queue, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var messages = await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));
            if (messages.Count > 0)
            {
                return messages[0];
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"No message became visible within {limit}.");
    }
}
