using WebMacs.Plugins;
using WebMacs.Plugins.Simulated;

[assembly: WebMacsPlugin(typeof(SimulatedPlugin))]
