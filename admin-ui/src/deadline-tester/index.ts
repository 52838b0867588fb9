import CalculateIcon from '@mui/icons-material/Calculate';

export { DeadlineTester } from './DeadlineTester';

/** A page, not a resource: the route and the icon the menu uses. */
export default {
    path: '/deadline-tester',
    icon: CalculateIcon,
};
