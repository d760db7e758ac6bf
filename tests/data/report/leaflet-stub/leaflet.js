/* Leaflet stand-in for golden tests: the real library comes from libjs-leaflet at run time */
var L;
