using MailKit.Security;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Email;

/// <summary><c>Email:*</c>: the sender, where mail goes (SMTP, or the pickup folder when no SMTP host is set) and the retries.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Folder that receives one <c>.eml</c> file per message when no SMTP host is set; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    public string FromAddress { get; set; } = "noreply@yqby.local";
    public string FromName { get; set; } = "有求必应服务平台";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Attempts before a message is marked failed (a permanent refusal fails it at once).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a worker holds the messages it took; a worker that died loses them to another after this.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages a worker takes at a time.</summary>
    public int BatchSize { get; set; } = 20;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public RetryPolicy Retry => new(MaxAttempts, RetryBaseDelay, RetryMaxDelay);

    /// <summary>The domain of the Message-ID, <c>&lt;outbox id&gt;@domain</c>.</summary>
    public string MessageIdDomain
    {
        get
        {
            var at = FromAddress.LastIndexOf('@');
            return at >= 0 && at < FromAddress.Length - 1 ? FromAddress[(at + 1)..] : "yqby.local";
        }
    }
}

/// <summary><c>Email:Smtp:*</c>. The password is read from configuration only and never logged.</summary>
public sealed class SmtpOptions
{
    public static readonly IReadOnlyList<string> SecurityModes = ["None", "StartTls", "SslOnConnect", "Auto"];

    /// <summary>Empty (the default): no SMTP, messages go to the pickup folder.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, SslOnConnect or Auto (TLS on connect for port 465, STARTTLS when offered otherwise).</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>How long to wait for the server on connecting and on each command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool HasKnownSecurity => SecurityModes.Contains(Security, StringComparer.OrdinalIgnoreCase);

    public SecureSocketOptions SocketOptions => Security.ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    // Options objects end up in debuggers and logs; the password must not.
    public override string ToString() => $"{Host}:{Port} ({Security}){(string.IsNullOrEmpty(UserName) ? "" : " as " + UserName)}";
}
