using System.Diagnostics;
using Portal.Infrastructure.Data.Seeding;

namespace Portal.Tests.Web;

/// <summary>The real portal process, started with bad settings, must refuse with one line naming the setting.</summary>
public class StartupRefusalTests
{
    public static TheoryData<string, Dictionary<string, string>, string> BadSettings => new()
    {
        { "unknown provider", new() { ["Database__Provider"] = "Oracle" }, "Database:Provider 'Oracle' is unknown" },
        { "no provider", new() { ["Database__Provider"] = "" }, "Database:Provider is not set" },
        { "no connection string", new() { ["ConnectionStrings__Portal"] = "" }, "ConnectionStrings:Portal is not set" },
        { "malformed SQLite", new() { ["ConnectionStrings__Portal"] = "Data Source=x.db;Flavour=Sweet" }, "ConnectionStrings:Portal is malformed" },
        {
            "malformed PostgreSQL",
            new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Portal"] = "Host=127.0.0.1;Port=notaport;Database=portal" },
            "ConnectionStrings:Portal is malformed"
        },
        {
            "unreachable PostgreSQL",
            new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Portal"] = "Host=127.0.0.1;Port=1;Database=portal;Username=portal;Timeout=3" },
            "Cannot reach the Postgres database at 127.0.0.1:1/portal (ConnectionStrings:Portal)"
        },
        { "demo data in Production", new() { ["Seed__DemoData"] = "true" }, "Seed:DemoData is true in Production" },
        { "no first admin in Production", new(), "set Bootstrap:AdminEmail and Bootstrap:AdminPassword" },
        {
            "demo password for the first admin",
            new() { ["Bootstrap__AdminEmail"] = "it@taierzhuang.gov.cn", ["Bootstrap__AdminPassword"] = DemoData.Password },
            "Bootstrap:AdminPassword is the public demo password"
        },
        {
            "bad job polling interval",
            new() { ["Jobs__SchedulePollingInterval"] = "00:01:00" },
            "Jobs:SchedulePollingInterval must be more than 0 and at most 00:00:05"
        },
        {
            "ranking weights not adding up to 1",
            new() { ["Dashboard__RankingWeights__Satisfaction"] = "0.4" },
            "Dashboard:RankingWeights (Sign, Resolve, Satisfaction) must each be from 0 to 1 and together make 1."
        },
        {
            "unknown SMTP security mode",
            new() { ["Email__Smtp__Host"] = "smtp.example.gov.cn", ["Email__Smtp__Security"] = "Tls13" },
            "Email:Smtp:Security is unknown: use None, StartTls, SslOnConnect, Auto."
        },
        {
            "SMTP user without a password",
            new() { ["Email__Smtp__Host"] = "smtp.example.gov.cn", ["Email__Smtp__UserName"] = "portal" },
            "Email:Smtp:Password must be set when Email:Smtp:UserName is."
        },
        { "no attempts", new() { ["Email__MaxAttempts"] = "0" }, "Email:MaxAttempts must be between 1 and 100." },
        {
            "relative public address",
            new() { ["Portal__PublicUrl"] = "yqby.example.gov.cn" },
            "Portal:PublicUrl must be the portal's absolute http(s) address"
        },
        {
            "attachments inside the web root",
            new() { ["Attachments__Directory"] = "wwwroot/uploads" },
            "Attachments:Directory must lie outside the web root"
        },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_WithABadSetting_RefusesWithOneLineNamingIt(string why, Dictionary<string, string> settings, string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "refusal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (exitCode, stdout, stderr) = await RunPortalAsync(folder, settings);

            Assert.True(exitCode == 1, $"{why}: exit code {exitCode}\n{stdout}\n{stderr}");
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var line = Assert.Single(lines);
            Assert.StartsWith("Portal refused to start:", line);
            Assert.Contains(expected, line);
            Assert.DoesNotContain("   at ", stdout + stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunPortalAsync(string folder, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_CONTENTROOT"] = folder;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "None";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Portal"] = "Data Source=portal.db";
        start.Environment["Jobs__RunServer"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The portal did not refuse to start within a minute; it probably started.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
