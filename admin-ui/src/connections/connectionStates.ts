// The order of the connection process (R-CONN-1) and the one step it may take next.
import { CONNECTION_STATES, type ConnectionState } from '../types';

export const nextConnectionState = (state: ConnectionState): ConnectionState | null => {
    const index = CONNECTION_STATES.indexOf(state);
    return index >= 0 && index < CONNECTION_STATES.length - 1 ? CONNECTION_STATES[index + 1]! : null;
};

export const connectionStateChoices = CONNECTION_STATES.map(state => ({
    id: state,
    name: `app.connection.state.${state}`,
}));
