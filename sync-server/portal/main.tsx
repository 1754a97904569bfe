/** The portal's entry: mounts the app inside Fluent's provider (Russian page, light theme). */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from './App';

const host = document.getElementById('root');
if (host) createRoot(host).render(<FluentProvider theme={webLightTheme} style={{ background: 'transparent' }}><App /></FluentProvider>);
