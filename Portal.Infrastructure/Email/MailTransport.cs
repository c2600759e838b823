using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Email;

public enum SendResult
{
    /// <summary>Handed to the SMTP server, or its pickup file written now.</summary>
    Sent,

    /// <summary>Its pickup file was already there: an earlier attempt wrote it and died before recording it.</summary>
    AlreadyThere,
}

/// <summary>An attempt that did not deliver, classified for the outbox.</summary>
public sealed class DeliveryException(OutboxProblem problem, bool permanent, bool affectsEveryMessage, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public OutboxProblem Problem { get; } = problem;

    /// <summary>Retrying will not help (a 5xx refusal, no address): the row fails at once.</summary>
    public bool Permanent { get; } = permanent;

    /// <summary>The server or folder itself is unusable, so the rest of the batch would fail the same way.</summary>
    public bool AffectsEveryMessage { get; } = affectsEveryMessage;
}

/// <summary>Where mail goes: to the SMTP server of <c>Email:Smtp</c>, or, without a host, to the pickup folder.</summary>
public sealed class MailTransport(IOptionsMonitor<EmailOptions> options, ILogger<MailTransport> logger)
{
    /// <summary>A session for a batch: one SMTP connection, opened at the first message and reused.</summary>
    public IMailSession Open()
    {
        var settings = options.CurrentValue;
        return settings.UsesSmtp ? new SmtpSession(settings.Smtp, logger) : new PickupSession(settings.PickupDirectory);
    }
}

public interface IMailSession : IAsyncDisposable
{
    /// <exception cref="DeliveryException">The message was not delivered.</exception>
    Task<SendResult> SendAsync(Guid id, MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The pickup folder: each message is written to a temporary name, flushed to disk, then linked to
/// <c>&lt;id&gt;.eml</c> without overwriting. A reader of the folder never sees half a message, and a
/// message whose file exists is never written twice — also across a crash, and with two workers at once.
/// </summary>
public sealed class PickupSession(string directory) : IMailSession
{
    public static string FileName(Guid id) => $"{id}.eml";

    public async Task<SendResult> SendAsync(Guid id, MimeMessage message, CancellationToken cancellationToken)
    {
        var final = Path.Combine(directory, FileName(id));
        var temporary = Path.Combine(directory, $".{id}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            if (File.Exists(final))
            {
                return SendResult.AlreadyThere;
            }
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await message.WriteToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                return SendResult.AlreadyThere;
            }
            return SendResult.Sent;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeliveryException(OutboxProblem.PickupFolderUnwritable, permanent: false, affectsEveryMessage: true,
                $"The pickup folder {directory} cannot be written: {e.Message}", e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file starts with a dot and ends in .tmp: no reader takes it for a message.
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>SMTP through MailKit, one connection per batch; the password goes to the server only.</summary>
public sealed class SmtpSession(SmtpOptions settings, ILogger logger) : IMailSession
{
    private readonly SmtpClient _client = new() { Timeout = (int)settings.Timeout.TotalMilliseconds };

    public async Task<SendResult> SendAsync(Guid id, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (!_client.IsConnected)
            {
                await _client.ConnectAsync(settings.Host ?? "", settings.Port, settings.SocketOptions, cancellationToken);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await _client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
                }
            }
            await _client.SendAsync(message, cancellationToken);
            return SendResult.Sent;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            throw failure;
        }
    }

    private DeliveryException? Classify(Exception e)
    {
        var server = $"{settings.Host}:{settings.Port}";
        return e switch
        {
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c when (int)c.StatusCode >= 500 =>
                new(OutboxProblem.RecipientRejected, permanent: true, affectsEveryMessage: false,
                    $"{server} refused the recipient {c.Mailbox?.Address}: {(int)c.StatusCode} {c.Message}", e),
            SmtpCommandException c when (int)c.StatusCode >= 500 =>
                new(OutboxProblem.MessageRejected, permanent: true, affectsEveryMessage: false,
                    $"{server} refused the message: {(int)c.StatusCode} {c.Message}", e),
            SmtpCommandException c =>
                new(OutboxProblem.TemporaryRefusal, permanent: false, affectsEveryMessage: false,
                    $"{server} refused the message for now: {(int)c.StatusCode} {c.Message}", e),
            AuthenticationException =>
                new(OutboxProblem.AuthenticationFailed, permanent: false, affectsEveryMessage: true,
                    $"{server} refused the user name or password of Email:Smtp: {e.Message}", e),
            SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException
                or TimeoutException or OperationCanceledException =>
                new(OutboxProblem.ServerUnreachable, permanent: false, affectsEveryMessage: true,
                    $"{server} cannot be reached: {e.Message}", e),
            _ => LogUnexpected(e, server),
        };
    }

    private DeliveryException LogUnexpected(Exception e, string server)
    {
        logger.LogWarning(e, "Unexpected failure sending through {Server}", server);
        return new(OutboxProblem.Unexpected, permanent: false, affectsEveryMessage: false, $"{server}: {e.GetType().Name}: {e.Message}", e);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or OperationCanceledException)
            {
                // Everything was sent or recorded; a broken goodbye changes nothing.
            }
        }
        _client.Dispose();
    }
}
