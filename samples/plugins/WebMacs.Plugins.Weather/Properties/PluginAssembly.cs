using WebMacs.Plugins;
using WebMacs.Plugins.Weather;

[assembly: WebMacsPlugin(typeof(WeatherPlugin))]
