using WebMacs.Domain;
using WebMacs.Plugins;
using ChannelDirection = WebMacs.Domain.ChannelDirection;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>The default catalogue offers exactly the plugin definitions registered in the service collection.</summary>
public sealed class DefaultPluginCatalogTests
{
    [Fact]
    public void ListPlugins_NoDefinitions_IsEmpty()
    {
        var catalog = new DefaultPluginCatalog([]);

        Assert.Empty(catalog.ListPlugins());
        Assert.Empty(catalog.DiscoverChannels("simulated", null, demoMode: false));
    }

    [Fact]
    public void DiscoverChannels_RegisteredDefinition_IsAskedWithTheConfiguration()
    {
        var definition = new Definition();
        var catalog = new DefaultPluginCatalog([definition]);

        var channels = catalog.DiscoverChannels("one", "{\"x\":1}", demoMode: true);

        Assert.Equal([definition.Meta], catalog.ListPlugins());
        Assert.Equal("c", Assert.Single(channels).Id);
        Assert.Equal(("{\"x\":1}", true), definition.Asked);
        Assert.Empty(catalog.DiscoverChannels("ONE", null, demoMode: false));
    }

    private sealed class Definition : IPluginDefinition
    {
        public PluginMeta Meta { get; } = new("one", "One", "1.0.0", "Tests", "A plugin.", null);

        public (string?, bool)? Asked { get; private set; }

        public IReadOnlyList<ChannelInfo> DiscoverChannels(string? configJson, bool demoMode)
        {
            Asked = (configJson, demoMode);
            return [new ChannelInfo("c", "C", ChannelDirection.Input, "V", 0, 1)];
        }
    }
}
