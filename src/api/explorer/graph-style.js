// How the graph is drawn: a colour per entity kind and Cytoscape's style sheet.

export const COLORS = {
  Person: '#4f7cff',
  Institution: '#f08c2e',
  Model: '#22a06b',
  Challenge: '#e5484d',
};

export const GRAPH_STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'background-color': (node) => COLORS[node.data('kind')] ?? '#98a2b3',
      width: 26,
      height: 26,
      color: '#1d2430',
      'font-size': 15,
      'font-family':
        'system-ui, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
      'text-valign': 'bottom',
      'text-margin-y': 5,
      'text-wrap': 'ellipsis',
      'text-max-width': 210,
      'text-background-color': '#f6f7f9',
      'text-background-opacity': 0.85,
      'text-background-padding': 2,
      'border-width': 2,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.expanded', style: { width: 34, height: 34, 'font-weight': 600 } },
  { selector: 'node.center', style: { 'border-color': '#1d2430', 'border-width': 3 } },
  { selector: 'node.active', style: { 'border-color': '#3563e9', 'border-width': 4 } },
  {
    selector: 'edge',
    style: {
      width: (edge) => Math.min(1.5 + edge.data('weight') * 0.5, 5),
      'line-color': '#98a2b3',
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#98a2b3',
      'arrow-scale': 0.8,
      label: 'data(label)',
      'font-size': 12,
      'min-zoomed-font-size': 6,
      color: '#667085',
      'text-rotation': 'autorotate',
      'text-background-color': '#f6f7f9',
      'text-background-opacity': 1,
      'text-background-padding': 1,
    },
  },
  {
    selector: 'edge[type = "DEVELOPER"]',
    style: { 'line-color': COLORS.Model, 'target-arrow-color': COLORS.Model },
  },
  {
    selector: 'edge[type = "RAISED"]',
    style: {
      'line-color': COLORS.Challenge,
      'target-arrow-color': COLORS.Challenge,
      'line-style': 'dashed',
    },
  },
  {
    selector: 'edge[type = "CO_MENTIONED"]',
    style: {
      'line-color': '#c0c6d0',
      'line-style': 'dotted',
      'target-arrow-shape': 'none',
      width: 1.5,
    },
  },
  {
    selector: 'edge.active',
    style: { 'line-color': '#3563e9', 'target-arrow-color': '#3563e9' },
  },
];
