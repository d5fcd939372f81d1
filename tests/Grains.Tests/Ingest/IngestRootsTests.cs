using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

public sealed class IngestRootsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("roots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Path_inside_the_tenants_root_is_accepted()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "acme")).FullName;
        var inner = Directory.CreateDirectory(Path.Combine(root, "drums")).FullName;
        var roots = new IngestRoots(new IngestOptions { Roots = new() { ["acme"] = [root] } });

        Assert.True(roots.TryResolve("acme", inner, out var resolved));
        Assert.Equal(inner, resolved);
    }

    [Fact]
    public void Path_outside_the_root_or_of_another_tenant_is_rejected()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "acme")).FullName;
        var sibling = Directory.CreateDirectory(Path.Combine(_dir, "acme-evil")).FullName;
        var roots = new IngestRoots(new IngestOptions { Roots = new() { ["acme"] = [root] } });

        Assert.False(roots.TryResolve("acme", sibling, out _));
        Assert.False(roots.TryResolve("acme", Path.Combine(root, "..", "acme-evil"), out _));
        Assert.False(roots.TryResolve("other", root, out _));
    }

    [Fact]
    public void Symbolic_link_leading_out_of_the_root_is_rejected()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "acme")).FullName;
        var secret = Directory.CreateDirectory(Path.Combine(_dir, "secret")).FullName;
        var link = Path.Combine(root, "escape");
        Directory.CreateSymbolicLink(link, secret);
        var roots = new IngestRoots(new IngestOptions { Roots = new() { ["acme"] = [root] } });

        Assert.False(roots.TryResolve("acme", link, out _));
        Assert.False(roots.TryResolve("acme", Path.Combine(link, "sub"), out _));
    }

    [Fact]
    public void Shared_root_applies_to_every_tenant()
    {
        var shared = Directory.CreateDirectory(Path.Combine(_dir, "shared")).FullName;
        var roots = new IngestRoots(new IngestOptions { Roots = new() { ["*"] = [shared] } });

        Assert.True(roots.TryResolve("anyone", shared, out _));
    }
}
