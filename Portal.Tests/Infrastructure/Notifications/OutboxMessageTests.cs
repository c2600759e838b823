using Portal.Infrastructure.Notifications;

namespace Portal.Tests.Infrastructure.Notifications;

public class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(MaxAttempts: 4, BaseDelay: TimeSpan.FromMinutes(1), MaxDelay: TimeSpan.FromMinutes(3));

    private static OutboxMessage Message() =>
        new(Guid.CreateVersion7(Now), new OutgoingEmail("u", "a@yqby.test", "刘洋", "主题", "正文", null, OutboxEventTypes.ConfirmEmail), Now);

    [Fact]
    public void RecordFailure_Temporary_WaitsTwiceAsLongEachTimeUpToTheMaximumThenFails()
    {
        var message = Message();
        var at = Now;
        var waits = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            message.RecordFailure(OutboxProblem.ServerUnreachable, "down", permanent: false, Policy, at);
            Assert.Equal(OutboxState.Pending, message.State);
            waits.Add(message.NextAttemptAt - at);
            at = message.NextAttemptAt;
        }
        message.RecordFailure(OutboxProblem.ServerUnreachable, "still down", permanent: false, Policy, at);

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)], waits);
        Assert.Equal(OutboxState.Failed, message.State);
        Assert.Equal(4, message.AttemptCount);
        Assert.Equal("still down", message.LastError);
    }

    [Fact]
    public void RecordFailure_Permanent_FailsAtTheFirstAttempt()
    {
        var message = Message();

        message.RecordFailure(OutboxProblem.RecipientRejected, "550 5.1.1 no such user", permanent: true, Policy, Now);

        Assert.Equal(OutboxState.Failed, message.State);
        Assert.Equal(1, message.AttemptCount);
        Assert.Equal(OutboxProblem.RecipientRejected, message.LastProblem);
    }

    [Fact]
    public void Retry_AFailedMessage_GivesItAFreshSetOfAttemptsNowAndKeepsTheLastError()
    {
        var message = Message();
        message.RecordFailure(OutboxProblem.RecipientRejected, "550", permanent: true, Policy, Now);
        var later = Now.AddHours(2);

        Assert.True(message.Retry(later));

        Assert.Equal(OutboxState.Pending, message.State);
        Assert.Equal(0, message.AttemptCount);
        Assert.Equal(later, message.NextAttemptAt);
        Assert.Equal("550", message.LastError);
    }

    [Fact]
    public void Retry_ADeliveredMessage_IsRefused()
    {
        var message = Message();
        message.MarkDelivered(Now);

        Assert.False(message.Retry(Now.AddMinutes(1)));
        Assert.Equal(OutboxState.Delivered, message.State);
    }

    [Fact]
    public void New_WithABlankAddress_KeepsNoAddress()
    {
        var message = new OutboxMessage(Guid.NewGuid(), new OutgoingEmail("u", "  ", null, "主题", "正文", null, OutboxEventTypes.ConfirmEmail), Now);

        Assert.Null(message.RecipientAddress);
        Assert.Equal("", message.RecipientName);
        Assert.Equal(Now, message.NextAttemptAt);
    }
}
