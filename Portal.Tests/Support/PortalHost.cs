using Portal.Infrastructure.Data;

namespace Portal.Tests.Support;

/// <summary>A class fixture: one running portal on SQLite with demo data, shared by a test class.</summary>
public sealed class SqlitePortalHost : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync() => Factory = await PortalFactory.StartAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>A class fixture: one portal on SQLite listening on a loopback port, for browser tests.</summary>
public sealed class BrowserPortalHost : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;

    public Uri Address(string path) => new(Factory.ServerAddress, path);

    public async Task InitializeAsync() => Factory = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
