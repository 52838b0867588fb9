import BarChartIcon from '@mui/icons-material/BarChart';

export { ReportsPage } from './ReportsPage';

/** A page, not a resource: the route and the icon the menu uses ("Thống kê", R-RPT-1..3). */
export default {
    path: '/reports',
    icon: BarChartIcon,
};
