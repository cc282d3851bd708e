using WebMacs.Plugins;
using WebMacs.Plugins.Tests.Devices;

[assembly: WebMacsPlugin(typeof(FakeDevice))]
