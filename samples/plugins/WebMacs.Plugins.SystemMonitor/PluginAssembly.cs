using WebMacs.Plugins;
using WebMacs.Plugins.SystemMonitor;

[assembly: WebMacsPlugin(typeof(SystemMonitorPlugin))]
