import type { ProductCardRow } from '../../../../domain/products';
import { formatClp } from '../../../../lib/money';

export function productImage(imagePath: string | null, size: 'card' | 'page' = 'card'): string {
  return imagePath ? `/media/${size}/${imagePath}` : '/static/img/placeholder.svg';
}

export function excerpt(text: string | null, max = 80): string {
  const value = (text ?? '').trim() || 'Kit esencial para manualidades creativas.';
  return value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value;
}

export function ProductCard({ product }: { product: ProductCardRow }) {
  return (
    <article class="card">
      <img
        class="card-img"
        src={productImage(product.imagePath)}
        alt=""
        loading="lazy"
        width="400"
        height="250"
      />
      <div class="card-body">
        <h3>
          <a href={`/productos/${product.id}/`} data-test={`producto-link-${product.id}`}>
            {product.name}
          </a>
        </h3>
        <p class="meta">{excerpt(product.description)}</p>
        <p>
          <span class="price">{formatClp(product.priceClp)}</span>
          {product.stock <= 0 && <span class="seats seats-none"> · Sin stock</span>}
        </p>
        <div class="card-actions">
          <a class="button button-small button-secondary" href={`/productos/${product.id}/`}>
            Ver detalles
          </a>
        </div>
      </div>
    </article>
  );
}
