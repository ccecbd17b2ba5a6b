// Leaflet as the global `L`, which the Leaflet.markercluster plugin expects.
import L from 'leaflet';
window.L = L;
export default L;
