using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;

namespace Portal.Bench.Run;

/// <summary>
/// The real portal (its own Program) on the benchmark database, listening on a free loopback port, in the
/// Production environment with its job server, as a deployment runs it. Two additions, both watching only: an
/// EF Core interceptor that can capture a call's SQL (B2), and a count of open circuits (B4).
/// </summary>
public sealed partial class BenchPortal : WebApplicationFactory<global::Program>
{
    private readonly string _connection;
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N"));

    public SqlCapture Capture { get; } = new();

    public CircuitCount Circuits { get; } = new();

    public BenchPortal(string connection)
    {
        _connection = connection;
        UseKestrel(0);
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // A build (not a publish) keeps blazor.web.js and MudBlazor's files where the static web assets manifest says.
        builder.UseStaticWebAssets();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = _connection,
            ["Seed:DemoData"] = "false",
            ["Jobs:RunServer"] = "true",
            ["Email:PickupDirectory"] = Path.Combine(_scratch, "mail"),
            ["Attachments:Directory"] = Path.Combine(_scratch, "attachments"),
            ["Portal:PublicUrl"] = "http://127.0.0.1/",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "Information",
            // Two scans racing for one request is expected and handled (the unique key refuses the second); the log would drown the run.
            ["Logging:LogLevel:Portal.Infrastructure.Escalation"] = "Critical",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<PostgresPortalDbContext>(options => options.AddInterceptors(Capture));
            services.AddSingleton<CircuitHandler>(Circuits);
        });
    }

    /// <summary>Signs in through the real login form and returns the cookies a browser would send.</summary>
    public async Task<IReadOnlyList<Cookie>> SignInAsync(string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Address };
        var form = await client.GetStringAsync("/Account/Login");
        var fields = HiddenInput().Matches(form)
            .Select(m => (Name: NameAttribute().Match(m.Value), Value: ValueAttribute().Match(m.Value)))
            .Where(f => f.Name.Success)
            .ToDictionary(f => WebUtility.HtmlDecode(f.Name.Groups[1].Value), f => f.Value.Success ? WebUtility.HtmlDecode(f.Value.Groups[1].Value) : "");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Account/", StringComparison.Ordinal) == true)
        {
            throw new RunRefusal($"Signing in as {email} failed ({(int)response.StatusCode} {response.Headers.Location}): is this a database bench/generate filled?");
        }
        return [.. cookies.GetCookies(Address).Cast<Cookie>()];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}

/// <summary>How many Blazor circuits are open now.</summary>
public sealed class CircuitCount : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
